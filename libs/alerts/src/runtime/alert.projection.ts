import type { Projection, Recorded } from '@chipwatch/event-store';
import { ALERT_EVENT_TYPES, ALERT_STREAM_PREFIX, type AlertRaised, type AlertStreamEvent } from '../alert.events';
import { NOTIFICATION_EVENT_TYPES } from '../notification.events';

export const ALERTS_COLLECTION = 'alerts';
/** Alert ids by zero-padded position of AlertRaised: newest-first paging. */
export const ALERT_TIMELINE_COLLECTION = 'alert-timeline';

export interface AlertDelivery {
  subscriptionId: string;
  notificationId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export interface AlertView extends Omit<AlertRaised['data'], never> {
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
      return { ...event.data, raisedAt: event.recordedAt, position: event.position, members: [], deliveries: [] };
    case 'AlertClusterGrew': {
      if (!view) return view;
      const data = event.data;
      return { ...view, members: [...view.members, { storyId: data.storyId, title: data.title, url: data.url, feedId: data.feedId, at: event.recordedAt }] };
    }
    case 'NotificationDelivered':
    case 'NotificationFailed': {
      if (!view) return view;
      const { data } = event;
      const failed = event.type === 'NotificationFailed' ? event.data : undefined;
      const entry: AlertDelivery = {
        subscriptionId: data.subscriptionId,
        notificationId: data.notificationId,
        status: !failed ? 'delivered' : failed.final ? 'failed' : 'pending',
        attempts: data.attempt,
        lastAttemptAt: event.recordedAt,
        lastStatus: data.status ?? null,
        lastError: failed?.error ?? null,
        nextAttemptAt: failed?.nextAttemptAt ?? null,
      };
      const others = view.deliveries.filter((d) => d.notificationId !== data.notificationId || d.subscriptionId !== data.subscriptionId);
      return { ...view, deliveries: [...others, entry] };
    }
    default:
      return view;
  }
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
