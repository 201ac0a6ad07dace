import type { RecordedEvent } from '@chipwatch/event-store';
import type { AlertClusterGrew, AlertRaised } from '../alert.events';

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
export function evolveAlert(view: AlertView | undefined, event: RecordedEvent): AlertView | undefined {
  switch (event.type) {
    case 'AlertRaised':
      return { ...(event.data as unknown as AlertRaised['data']), raisedAt: event.recordedAt, position: event.position, members: [], deliveries: [] };
    case 'AlertClusterGrew': {
      if (!view) return view;
      const data = event.data as unknown as AlertClusterGrew['data'];
      return { ...view, members: [...view.members, { storyId: data.storyId, title: data.title, url: data.url, feedId: data.feedId, at: event.recordedAt }] };
    }
    case 'NotificationDelivered':
    case 'NotificationFailed': {
      if (!view) return view;
      const data = event.data as { subscriptionId: string; notificationId: string; attempt: number; status?: number; error?: string; final?: boolean; nextAttemptAt?: string };
      const delivered = event.type === 'NotificationDelivered';
      const entry: AlertDelivery = {
        subscriptionId: data.subscriptionId,
        notificationId: data.notificationId,
        status: delivered ? 'delivered' : data.final ? 'failed' : 'pending',
        attempts: data.attempt,
        lastAttemptAt: event.recordedAt,
        lastStatus: data.status ?? null,
        lastError: delivered ? null : (data.error ?? null),
        nextAttemptAt: delivered ? null : (data.nextAttemptAt ?? null),
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
