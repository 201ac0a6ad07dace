import { eventTypesOf, isEventOf, type Event } from '@chipwatch/event-store';

import type { AlertEvidence } from './rule-matching';
import type { NotificationEvent } from './notification.events';
import type { Severity } from './severity';

/** Stream `alert-<alertId>`. A rule matched a story cluster for the first time (in this throttle window). */
export type AlertRaised = Event<
  'AlertRaised',
  {
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
     * Every alert the same decision raised (same story and verdict), this one included, added by
     * the live evaluator so a subscriber to several of the rules hears of them once. Absent in
     * alerts recorded before it was added.
     */
    siblings?: { alertId: string; ruleId: string; severity: Severity }[];
  }
>;

/** Another story of an alerted cluster matched the same rule: recorded on the alert, not sent again. */
export type AlertClusterGrew = Event<
  'AlertClusterGrew',
  {
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
  }
>;

export type AlertEvent = AlertRaised | AlertClusterGrew;

/** Everything on an `alert-<alertId>` stream. */
export type AlertStreamEvent = AlertEvent | NotificationEvent;

export const ALERT_EVENT_TYPES = eventTypesOf<AlertEvent>({ AlertRaised: true, AlertClusterGrew: true });
export const isAlertEvent = isEventOf<AlertEvent>(ALERT_EVENT_TYPES);
/** Stream prefix of `alert-<alertId>`, which also holds the alert's NotificationDelivered/Failed. */
export const ALERT_STREAM_PREFIX = 'alert-';
export const alertStreamId = (alertId: string): string => `${ALERT_STREAM_PREFIX}${alertId}`;

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
