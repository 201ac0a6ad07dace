import type { AlertEvidence } from './rule-matching';
import type { Severity } from './rules.schema';

/** Stream `alert-<alertId>`. A rule matched a story cluster for the first time (in this throttle window). */
export type AlertRaised = {
  type: 'AlertRaised';
  data: {
    /** sha256(ruleId, clusterId[, window]): see alert-id.ts. */
    alertId: string;
    ruleId: string;
    /** Hash of the rule version that fired (ruleHash). */
    ruleHash: string;
    severity: Severity;
    /** The story that raised the alert. */
    storyId: string;
    clusterId: string;
    title: string;
    url: string | null;
    feedId: string;
    score: number;
    subtopics: string[];
    evidence: AlertEvidence[];
    /** Which conditions held, in words. */
    reasons: string[];
    /** Throttle window index, floor(time / throttle), or null when the rule has no throttle. */
    throttleWindow: number | null;
    /** Start of the throttle window (ISO 8601), or null when the rule has no throttle. */
    windowStart: string | null;
    /**
     * Every alert the same story raised at once, this one included (recorded by the live
     * evaluator, so one notification names every rule); absent on alerts raised before it did.
     */
    siblings?: { alertId: string; ruleId: string; severity: Severity }[];
  };
};

/** Another story of an alerted cluster matched the same rule: recorded on the alert, not sent again. */
export type AlertClusterGrew = {
  type: 'AlertClusterGrew';
  data: {
    alertId: string;
    ruleId: string;
    clusterId: string;
    throttleWindow: number | null;
    storyId: string;
    title: string;
    url: string | null;
    feedId: string;
    score: number;
    reasons: string[];
  };
};

export type AlertEvent = AlertRaised | AlertClusterGrew;

export const alertStreamId = (alertId: string): string => `alert-${alertId}`;

/**
 * Idempotency key for appending the event: deciding the same story twice yields the same keys,
 * so a retried append writes nothing new.
 */
export function alertEventId(event: AlertEvent): string {
  switch (event.type) {
    case 'AlertRaised':
      return `AlertRaised:${event.data.alertId}`;
    case 'AlertClusterGrew':
      return `AlertClusterGrew:${event.data.alertId}:${event.data.storyId}`;
  }
}
