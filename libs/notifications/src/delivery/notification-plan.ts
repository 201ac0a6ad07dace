import { createHash } from 'node:crypto';
import { severityRank, type Severity } from '@chipwatch/alerts';
import type { SubscriptionView } from '../subscriptions/subscription.projection';

/** One delivery attempt, as the `deliver-notification` job carries it. Jobs are persisted: add fields, never rename. */
export interface DeliveryRequest {
  /** The alert being sent: the cluster's first for this subscriber, or on an update the alert that raised the severity. */
  alertId: string;
  /**
   * The notification's alert: the cluster's first alert to this subscriber, named in the payload
   * and where every attempt is recorded. Absent in jobs queued before it was added: `alertId`.
   */
  notificationAlertId?: string;
  subscriptionId: string;
  clusterId: string;
  /** 0 for the first notification of the cluster, 1 for the update. */
  update: number;
  ruleIds: string[];
  severity: Severity;
  attempt: number;
}

/** Notification documents, keyed by `notificationKey(clusterId, subscriptionId)`. */
export const NOTIFICATIONS_COLLECTION = 'notifications';

/**
 * What a subscription has been told about one story cluster. A subscriber hears of a cluster
 * once; a later match of higher severity may send one update.
 */
export interface NotificationState {
  key: string;
  clusterId: string;
  subscriptionId: string;
  /** Every rule that matched for this subscriber, in order. */
  ruleIds: string[];
  /** Every alert of the cluster offered to this subscriber; the first is the notification's alert. */
  alertIds: string[];
  severity: Severity;
  /** 0 for the first notification, 1 once an update has been sent. */
  update: number;
  /** The alert whose delivery is (or was last) in flight. */
  sendingAlertId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
}

export interface RaisedAlert {
  alertId: string;
  ruleId: string;
  severity: Severity;
  clusterId: string;
}

export type NotificationAction =
  { action: 'send'; state: NotificationState } | { action: 'record'; state: NotificationState } | { action: 'ignore' };

/** Does this alert concern this subscription at all? */
export function subscriptionWants(subscription: SubscriptionView, alert: RaisedAlert): boolean {
  if (subscription.removed) return false;
  if (severityRank(alert.severity) < severityRank(subscription.minSeverity)) return false;
  return subscription.rules === null || subscription.rules.includes(alert.ruleId);
}

/**
 * Pure: the first alert of a cluster for a subscriber is sent; a later one of higher severity is
 * sent once as an update; anything else is recorded on the notification only.
 */
export function planNotification(
  current: NotificationState | undefined,
  subscription: SubscriptionView,
  alert: RaisedAlert,
): NotificationAction {
  if (!subscriptionWants(subscription, alert)) return { action: 'ignore' };
  if (!current) {
    return {
      action: 'send',
      state: {
        key: notificationKey(alert.clusterId, subscription.id),
        clusterId: alert.clusterId,
        subscriptionId: subscription.id,
        ruleIds: [alert.ruleId],
        alertIds: [alert.alertId],
        severity: alert.severity,
        update: 0,
        sendingAlertId: alert.alertId,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: null,
      },
    };
  }
  if (current.alertIds.includes(alert.alertId)) return { action: 'ignore' };
  const merged: NotificationState = {
    ...current,
    ruleIds: current.ruleIds.includes(alert.ruleId) ? current.ruleIds : [...current.ruleIds, alert.ruleId],
    alertIds: [...current.alertIds, alert.alertId],
  };
  if (current.update === 0 && severityRank(alert.severity) > severityRank(current.severity)) {
    return {
      action: 'send',
      state: {
        ...merged,
        severity: alert.severity,
        update: 1,
        sendingAlertId: alert.alertId,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: null,
      },
    };
  }
  return { action: 'record', state: merged };
}

/**
 * The notification's alert: the cluster's first alert to this subscriber. Its `alert.raised` and
 * `alert.updated` both name it, and their attempts are recorded on its stream.
 */
export function notificationAlertId(state: Pick<NotificationState, 'alertIds'>): string {
  return state.alertIds[0];
}

/** The delivery attempt of a notification's current send (first or update). */
export function deliveryRequest(state: NotificationState, attempt: number): DeliveryRequest {
  return {
    alertId: state.sendingAlertId,
    notificationAlertId: notificationAlertId(state),
    subscriptionId: state.subscriptionId,
    clusterId: state.clusterId,
    update: state.update,
    // A copy: a later alert of a dispatch batch may extend the state's list in place.
    ruleIds: [...state.ruleIds],
    severity: state.severity,
    attempt,
  };
}

export function notificationKey(clusterId: string, subscriptionId: string): string {
  return `${clusterId}:${subscriptionId}`;
}

/** The `webhook-id`: derived from cluster, subscription and update counter, stable across retries. */
export function notificationId(clusterId: string, subscriptionId: string, update: number): string {
  const digest = createHash('sha256').update(`${clusterId}\n${subscriptionId}`).digest('hex').slice(0, 24);
  return `ntf_${digest}_${update}`;
}

/** Job id of one delivery attempt: the same attempt is never queued twice. */
export function deliveryJobId(state: Pick<NotificationState, 'clusterId' | 'subscriptionId' | 'update'>, attempt: number): string {
  return `deliver-notification:${notificationId(state.clusterId, state.subscriptionId, state.update)}:${attempt}`;
}
