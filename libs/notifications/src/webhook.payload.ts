import type { AlertUpdate, Severity } from '@chipwatch/alerts';
import type { AlertNotice, NoticeEntities, NoticeEvidence } from './notification.types';

/** Persisted in receivers' code: never rename one. */
export type WebhookEventType = 'alert.raised' | 'alert.updated' | 'alert.test';

/**
 * The JSON body of a webhook delivery. Field names are a public contract, spelled as REST and the
 * log spell them (`alertId`, `storyId`, `ruleId`, `clusterId`). Absent optional values are `null`
 * rather than missing, so receivers see one shape.
 */
export interface WebhookPayload {
  type: WebhookEventType;
  alert: {
    /**
     * The notification's alert, as `GET /alerts/:id` knows it: the story cluster's first alert to
     * this subscriber, the same on `alert.raised` and its `alert.updated`.
     */
    alertId: string;
    /** @deprecated Alias of `alertId` since 0.2, removed in 0.3. */
    id: string;
    clusterId: string;
    ruleId: string;
    /** Every matching rule; on `alert.updated` it includes the rule that raised the severity. */
    ruleIds: string[];
    /** The same as the alert's `severity` in REST, Slack, email and Atom. */
    severity: Severity;
    raisedAt: string;
    /** Present on `alert.updated` only: when the alert that raised the severity was raised. */
    updatedAt?: string;
    /** Present on `alert.updated` only: the later alert of the cluster that raised the severity. */
    updatedBy?: AlertUpdate;
  };
  story: {
    storyId: string;
    /** @deprecated Alias of `storyId` since 0.2, removed in 0.3. */
    id: string;
    /** Exactly as published. */
    title: string;
    url: string;
    feedId: string;
    language: string;
    publishedAt: string | null;
    summary: string | null;
  };
  classification: {
    score: number;
    subtopics: string[];
    entities: NoticeEntities;
    evidence: NoticeEvidence[];
  };
}

const TYPES: Record<AlertNotice['kind'], WebhookEventType> = { raised: 'alert.raised', updated: 'alert.updated', test: 'alert.test' };

export function buildWebhookPayload(notice: AlertNotice): WebhookPayload {
  const { alert, story, classification } = notice;
  const ruleIds = alert.ruleIds.includes(alert.ruleId) ? [...alert.ruleIds] : [alert.ruleId, ...alert.ruleIds];
  const updated = notice.kind === 'updated';
  return {
    type: TYPES[notice.kind],
    alert: {
      alertId: alert.alertId,
      id: alert.alertId,
      clusterId: alert.clusterId,
      ruleId: alert.ruleId,
      ruleIds,
      severity: alert.severity,
      raisedAt: alert.raisedAt,
      ...(updated && alert.updatedAt !== undefined ? { updatedAt: alert.updatedAt } : {}),
      ...(updated && alert.updatedBy !== undefined
        ? { updatedBy: { alertId: alert.updatedBy.alertId, ruleId: alert.updatedBy.ruleId, severity: alert.updatedBy.severity } }
        : {}),
    },
    story: {
      storyId: story.storyId,
      id: story.storyId,
      title: story.title,
      url: story.url,
      feedId: story.feedId,
      language: story.language,
      publishedAt: story.publishedAt ?? null,
      summary: story.summary ?? null,
    },
    classification: {
      score: classification.score,
      subtopics: [...classification.subtopics],
      entities: {
        companies: [...classification.entities.companies],
        products: [...classification.entities.products],
        agencies: [...classification.entities.agencies],
        jurisdictions: [...classification.entities.jurisdictions],
      },
      evidence: classification.evidence.map((e) => ({ text: e.text, field: e.field, concept: e.concept, weight: e.weight })),
    },
  };
}

/** The bytes to sign and send: serialise once, and store these for the delivery record. */
export function serializeWebhookPayload(notice: AlertNotice): string {
  return JSON.stringify(buildWebhookPayload(notice));
}
