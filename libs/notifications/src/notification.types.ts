import type { AlertUpdate, Severity } from '@chipwatch/alerts';

/**
 * What every channel renders: one alert about one story, as plain data. The lead's alert and
 * story projections fill it; channels never read stores themselves.
 *
 * The shapes mirror `@chipwatch/classifier`'s `Classification` structurally instead of importing
 * it, so a channel (and its tests) depends on the fields it shows, not on the classifier lib.
 */

/**
 * `raised`: the first notification of a story cluster to a subscriber; `updated`: the one later
 * notification when another alert of the cluster raised the severity; `test`: a test sent on
 * request (`POST /subscriptions/:id/test`), about no alert.
 */
export type AlertNoticeKind = 'raised' | 'updated' | 'test';

export interface NoticeAlert {
  /**
   * The notification's alert: the cluster's first alert to this subscriber, the same on its
   * `raised` and `updated` notifications, and the id `GET /alerts/:id` knows.
   */
  alertId: string;
  clusterId: string;
  /** That alert's rule. */
  ruleId: string;
  /** Every rule that matched for this subscriber so far, `ruleId` included. */
  ruleIds: readonly string[];
  /**
   * The severity told: that of the highest-severity rule the subscriber wants, which on `raised`
   * is `ruleId`'s and on `updated` is `updatedBy`'s. REST shows the same as the alert's `severity`.
   */
  severity: Severity;
  /** RFC 3339 instant the alert was raised. */
  raisedAt: string;
  /** RFC 3339 instant the alert that raised the severity was raised, for `kind: 'updated'`. */
  updatedAt?: string;
  /** The later alert of the cluster that raised the severity, for `kind: 'updated'`. */
  updatedBy?: AlertUpdate;
}

export interface NoticeStory {
  storyId: string;
  /** Exactly as published: never trimmed, re-cased or truncated in machine payloads. */
  title: string;
  url: string;
  feedId: string;
  /** Human name of the feed, shown as the source where a channel has room. */
  feedTitle?: string;
  /** Primary language subtag ("pt", "zh", "und"). */
  language: string;
  /** RFC 3339; absent when the feed gave no date. */
  publishedAt?: string;
  summary?: string;
}

export interface NoticeEvidence {
  /** The words in the story, as written. */
  text: string;
  field: string;
  concept: string;
  weight: number;
}

export interface NoticeEntities {
  companies: readonly string[];
  products: readonly string[];
  agencies: readonly string[];
  jurisdictions: readonly string[];
}

export interface NoticeClassification {
  score: number;
  subtopics: readonly string[];
  entities: NoticeEntities;
  /** Strongest first. */
  evidence: readonly NoticeEvidence[];
}

export interface AlertNotice {
  kind: AlertNoticeKind;
  alert: NoticeAlert;
  story: NoticeStory;
  classification: NoticeClassification;
}
