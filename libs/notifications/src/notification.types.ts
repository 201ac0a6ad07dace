/**
 * What every channel renders: one alert about one story, as plain data. The lead's alert and
 * story projections fill it; channels never read stores themselves.
 *
 * The shapes mirror `@chipwatch/classifier`'s `Classification` structurally instead of importing
 * it, so a channel (and its tests) depends on the fields it shows, not on the classifier lib.
 */

/** `raised`: the first notification for a story; `updated`: a later, higher-severity match. */
export type AlertNoticeKind = 'raised' | 'updated';

export interface NoticeAlert {
  /** Derived id (`hash(ruleId, clusterId)`): the same across updates. */
  id: string;
  /** The rule that decided this notification (the highest-severity one on an update). */
  ruleId: string;
  /** Every rule that matched so far, `ruleId` included. */
  ruleIds: readonly string[];
  /** The rule's severity as configured in rules.yaml: `info`, `low`, `medium`, `high` or `critical`. */
  severity: string;
  /** RFC 3339 instant the alert was first raised. */
  raisedAt: string;
  /** RFC 3339 instant of the update, for `kind: 'updated'`. */
  updatedAt?: string;
}

export interface NoticeStory {
  id: string;
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
