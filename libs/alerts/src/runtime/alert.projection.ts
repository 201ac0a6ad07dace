import type { Projection, Recorded } from '@chipwatch/event-store';
import { ALERT_EVENT_TYPES, ALERT_STREAM_PREFIX, type AlertRaised, type AlertStreamEvent } from '../alert.events';
import { NOTIFICATION_EVENT_TYPES, type AlertUpdate } from '../notification.events';
import { severityRank, type Severity } from '../severity';

export const ALERTS_COLLECTION = 'alerts';
/** Alert ids by zero-padded position of AlertRaised: newest-first paging. */
export const ALERT_TIMELINE_COLLECTION = 'alert-timeline';

export interface AlertDelivery {
  subscriptionId: string;
  notificationId: string;
  /** `raised` or `updated`: which notification of the cluster this is. */
  kind: 'raised' | 'updated';
  /** The severity this notification told its subscriber; null for attempts recorded before it was kept. */
  severity: Severity | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export interface AlertView extends Omit<AlertRaised['data'], never> {
  /**
   * The severity notified for this alert, as webhooks, Slack, email and Atom show it: the rule's
   * own, or higher once an `alert.updated` naming this alert was delivered (a later alert of the
   * cluster raised it). AlertRaised's own `severity` is `ruleSeverity` here.
   */
  severity: Severity;
  /** The severity of this alert's own rule when it was raised. */
  ruleSeverity: Severity;
  /** When the later alert that raised `severity` was raised; null while nothing did. */
  updatedAt: string | null;
  /** The later alert of the cluster that raised `severity`; null while nothing did. */
  updatedBy: AlertUpdate | null;
  raisedAt: string;
  position: number;
  /** Later stories of the cluster recorded on the alert (not sent again). */
  members: { storyId: string; title: string; url: string | null; feedId: string; at: string }[];
  deliveries: AlertDelivery[];
}

/** Pure fold of one event of an `alert-` stream into the alert's view. */
export function evolveAlert(view: AlertView | undefined, event: Recorded<AlertStreamEvent>): AlertView | undefined {
  switch (event.type) {
    case 'AlertRaised':
      return {
        ...event.data,
        ruleSeverity: event.data.severity,
        updatedAt: null,
        updatedBy: null,
        raisedAt: event.recordedAt,
        position: event.position,
        members: [],
        deliveries: [],
      };
    case 'AlertClusterGrew': {
      if (!view) return view;
      const data = event.data;
      return {
        ...upgradeAlertView(view),
        members: [...view.members, { storyId: data.storyId, title: data.title, url: data.url, feedId: data.feedId, at: event.recordedAt }],
      };
    }
    case 'NotificationDelivered':
    case 'NotificationFailed': {
      if (!view) return view;
      const { data } = event;
      const failed = event.type === 'NotificationFailed' ? event.data : undefined;
      const entry: AlertDelivery = {
        subscriptionId: data.subscriptionId,
        notificationId: data.notificationId,
        kind: data.kind,
        severity: data.severity ?? null,
        status: !failed ? 'delivered' : failed.final ? 'failed' : 'pending',
        attempts: data.attempt,
        lastAttemptAt: event.recordedAt,
        lastStatus: data.status ?? null,
        lastError: failed?.error ?? null,
        nextAttemptAt: failed?.nextAttemptAt ?? null,
      };
      const current = upgradeAlertView(view);
      const others = current.deliveries.filter((d) => d.notificationId !== data.notificationId || d.subscriptionId !== data.subscriptionId);
      // A subscriber was told more than the rule's severity: from now on the alert shows that.
      const told = failed ? undefined : data.severity;
      const raised = told !== undefined && severityRank(told) > severityRank(current.severity);
      return {
        ...current,
        // Only an update says by whom and when; a raised notice told more (a plan from before the
        // highest wanted rule led) raises the severity alone.
        ...(raised ? { severity: told } : {}),
        ...(raised && data.kind === 'updated'
          ? { updatedBy: data.updatedBy ?? current.updatedBy, updatedAt: data.updatedAt ?? event.recordedAt }
          : {}),
        deliveries: [...others, entry],
      };
    }
    default:
      return view;
  }
}

/**
 * A stored alert document in today's shape: documents written before `ruleSeverity`, `updatedBy`
 * and the deliveries' `kind` and `severity` existed get them (their severity was the rule's).
 */
export function upgradeAlertView(view: AlertView): AlertView {
  if (view.ruleSeverity !== undefined && view.deliveries.every((d) => d.kind !== undefined)) return view;
  return {
    ...view,
    ruleSeverity: view.ruleSeverity ?? view.severity,
    updatedAt: view.updatedAt ?? null,
    updatedBy: view.updatedBy ?? null,
    // The notification id ends in its update counter (`ntf_<digest>_<update>`): 0 is the raise.
    deliveries: view.deliveries.map((d) => ({
      ...d,
      kind: d.kind ?? (d.notificationId.endsWith('_0') ? 'raised' : 'updated'),
      severity: d.severity ?? null,
    })),
  };
}

export function alertTimelineKey(position: number): string {
  return position.toString().padStart(15, '0');
}

/** Alert documents for GET /alerts, /alerts/:id and the Atom feed: the alert, its members, its deliveries. */
export const alertProjection: Projection<AlertStreamEvent, AlertView> = {
  name: 'alerts',
  collection: ALERTS_COLLECTION,
  filter: { types: [...ALERT_EVENT_TYPES, ...NOTIFICATION_EVENT_TYPES], streamPrefix: ALERT_STREAM_PREFIX },
  key: (event) => event.data.alertId,
  evolve: evolveAlert,
  index: { collection: ALERT_TIMELINE_COLLECTION, key: (alert) => alertTimelineKey(alert.position) },
};
