import { eventTypesOf, isEventOf, type Event } from '@chipwatch/event-store';
import type { Severity } from './severity';

/** The later alert of a story cluster that raised the severity of a notification already sent. */
export interface AlertUpdate {
  alertId: string;
  ruleId: string;
  severity: Severity;
}

/**
 * On stream `alert-<alertId>`, beside AlertRaised: every delivery attempt of a notification that
 * names this alert. A notification is per story cluster and subscription and names the cluster's
 * first alert to that subscriber; its `alert.updated` is recorded here too, with the later alert
 * that raised the severity in `updatedBy` (updates recorded before `updatedBy` was added are on
 * the later alert's own stream). Declared here, with the stream's other events, so the alert's
 * fold needs no import from the notifications lib that writes them.
 */
export type NotificationDelivered = Event<
  'NotificationDelivered',
  {
    alertId: string;
    subscriptionId: string;
    /** The `webhook-id`: the same on every retry, so receivers can dedupe. */
    notificationId: string;
    kind: 'raised' | 'updated';
    attempt: number;
    status: number;
    ms: number;
    /** The severity the notification told (`alert.severity`). Absent in events recorded before it was added. */
    severity?: Severity;
    /** On `kind: 'updated'`: the alert that raised the severity. Absent otherwise and in events recorded before it was added. */
    updatedBy?: AlertUpdate;
    /** On `kind: 'updated'`: when that alert was raised (`alert.updatedAt`). */
    updatedAt?: string;
  }
>;

export type NotificationFailed = Event<
  'NotificationFailed',
  {
    alertId: string;
    subscriptionId: string;
    notificationId: string;
    kind: 'raised' | 'updated';
    attempt: number;
    status?: number;
    /** DeliveryError code: timeout, connection, http-5xx, ssrf-refused, subscription-removed… */
    code: string;
    error: string;
    /** True when no further attempt will be made. */
    final: boolean;
    nextAttemptAt?: string;
    ms?: number;
    /** The severity the notification would have told. Absent in events recorded before it was added. */
    severity?: Severity;
    /** On `kind: 'updated'`: the alert that raised the severity. Absent otherwise and in events recorded before it was added. */
    updatedBy?: AlertUpdate;
    /** On `kind: 'updated'`: when that alert was raised. */
    updatedAt?: string;
  }
>;

export type NotificationEvent = NotificationDelivered | NotificationFailed;

export const NOTIFICATION_EVENT_TYPES = eventTypesOf<NotificationEvent>({ NotificationDelivered: true, NotificationFailed: true });
export const isNotificationEvent = isEventOf<NotificationEvent>(NOTIFICATION_EVENT_TYPES);
