import type { AlertRaised, Severity } from '@chipwatch/alerts';
import type { Recorded } from '@chipwatch/event-store';
import type { StoryView } from '@chipwatch/stories';
import type { AlertNotice } from '../notification.types';

/** What one notification is made of, as the log has it. */
export interface NoticeSources {
  kind: 'raised' | 'updated';
  /** The notification's alert: the cluster's first alert to this subscriber. */
  alert: Recorded<AlertRaised>;
  /** On `updated`: the later alert of the cluster that raised the severity. */
  updatedBy?: Recorded<AlertRaised>;
  /** The story of `updatedBy` on an update (what raised the severity), else of `alert`. */
  story: StoryView | undefined;
  /** Every rule that matched for this subscriber so far. */
  ruleIds: readonly string[];
  /** The severity to tell: the highest of the rules this subscriber wants. */
  severity: Severity;
}

/**
 * Pure: the notice every channel renders. The alert block is always the notification's alert (so
 * `alert.updated` names the same alert as its `alert.raised`, and REST knows it by that id); what
 * raised the severity of an update is in `updatedBy` and `updatedAt`, and its story is the story.
 */
export function buildAlertNotice(sources: NoticeSources): AlertNotice {
  const { kind, alert, updatedBy, story, ruleIds, severity } = sources;
  const cause = updatedBy ?? alert;
  const classification = story?.classification;
  return {
    kind,
    alert: {
      alertId: alert.data.alertId,
      clusterId: alert.data.clusterId,
      ruleId: alert.data.ruleId,
      ruleIds,
      severity,
      raisedAt: alert.recordedAt,
      ...(kind === 'updated'
        ? { updatedAt: cause.recordedAt, updatedBy: { alertId: cause.data.alertId, ruleId: cause.data.ruleId, severity } }
        : {}),
    },
    story: {
      storyId: cause.data.storyId,
      title: story?.title ?? cause.data.title,
      url: story?.url ?? cause.data.url ?? '',
      feedId: story?.feedId ?? cause.data.feedId,
      language: story === undefined ? 'und' : story.language === 'und' && classification ? classification.language : story.language,
      ...(story?.publishedAt ? { publishedAt: story.publishedAt } : {}),
      ...(story?.summary ? { summary: story.summary } : {}),
    },
    classification: classification
      ? {
          score: classification.score,
          subtopics: classification.subtopics,
          entities: classification.entities,
          evidence: classification.evidence,
        }
      : {
          score: cause.data.score,
          subtopics: cause.data.subtopics,
          entities: { companies: [], products: [], agencies: [], jurisdictions: [] },
          evidence: cause.data.evidence,
        },
  };
}

/** `test` as the alert, cluster, rule and story id of a test notification: it is about no alert. */
export const TEST_NOTICE_ID = 'test';

/**
 * The notice `POST /subscriptions/:id/test` sends: the shape of a real one, so a receiver's code
 * is exercised, marked as a test (`alert.test` on webhooks, "Test" on Slack and email) and about
 * no alert.
 */
export function buildTestNotice(now: string): AlertNotice {
  return {
    kind: 'test',
    alert: {
      alertId: TEST_NOTICE_ID,
      clusterId: TEST_NOTICE_ID,
      ruleId: TEST_NOTICE_ID,
      ruleIds: [TEST_NOTICE_ID],
      severity: 'info',
      raisedAt: now,
    },
    story: {
      storyId: TEST_NOTICE_ID,
      title: 'chipwatch test notification',
      url: 'https://example.invalid/chipwatch-test',
      feedId: 'chipwatch',
      language: 'en',
      summary: 'This is a test of your chipwatch subscription. No alert was raised.',
    },
    classification: { score: 0, subtopics: [], entities: { companies: [], products: [], agencies: [], jurisdictions: [] }, evidence: [] },
  };
}
