import { eventTypesOf, isEventOf, type Event } from '@chipwatch/event-store';

/**
 * On stream `alert-<alertId>`, beside AlertRaised: every delivery attempt of that alert to a
 * subscription. Declared here, with the stream's other events, so the alert's fold needs no
 * import from the notifications lib that writes them.
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
  }
>;

export type NotificationEvent = NotificationDelivered | NotificationFailed;

export const NOTIFICATION_EVENT_TYPES = eventTypesOf<NotificationEvent>({ NotificationDelivered: true, NotificationFailed: true });
export const isNotificationEvent = isEventOf<NotificationEvent>(NOTIFICATION_EVENT_TYPES);
