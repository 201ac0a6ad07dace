import type { AlertNotice, NoticeEntities, NoticeEvidence } from './notification.types';

/** Persisted in receivers' code: never rename one. */
export type WebhookEventType = 'alert.raised' | 'alert.updated';

/**
 * The JSON body of a webhook delivery. Field names are a public contract. Absent optional values
 * are `null` rather than missing, so receivers see one shape.
 */
export interface WebhookPayload {
  type: WebhookEventType;
  alert: {
    id: string;
    ruleId: string;
    /** Every matching rule; on `alert.updated` it includes the rule that raised the severity. */
    ruleIds: string[];
    severity: string;
    raisedAt: string;
    /** Present on `alert.updated` only. */
    updatedAt?: string;
  };
  story: {
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

export function buildWebhookPayload(notice: AlertNotice): WebhookPayload {
  const { alert, story, classification } = notice;
  const ruleIds = alert.ruleIds.includes(alert.ruleId) ? [...alert.ruleIds] : [alert.ruleId, ...alert.ruleIds];
  return {
    type: notice.kind === 'updated' ? 'alert.updated' : 'alert.raised',
    alert: {
      id: alert.id,
      ruleId: alert.ruleId,
      ruleIds,
      severity: alert.severity,
      raisedAt: alert.raisedAt,
      ...(notice.kind === 'updated' && alert.updatedAt !== undefined ? { updatedAt: alert.updatedAt } : {}),
    },
    story: {
      id: story.id,
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
