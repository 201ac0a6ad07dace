import { Inject, Injectable } from '@nestjs/common';
import { ALERT_TIMELINE_COLLECTION, ALERTS_COLLECTION, alertTimelineKey, evolveAlert, type AlertView } from '@chipwatch/alerts';
import type { EventStore, SubscriptionOptions } from '@chipwatch/event-store';
import { EVENT_STORE, LOGGER, type Logger } from '@chipwatch/platform';
import { LogSubscriber } from '../log-subscriber';

/** Alert documents for GET /alerts, /alerts/:id and the Atom feed: the alert, its members, its deliveries. */
@Injectable()
export class AlertProjectionSubscriber extends LogSubscriber {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(LOGGER) logger: Logger) {
    super(store, logger);
  }

  protected options(): SubscriptionOptions {
    return {
      name: 'alerts',
      filter: { types: ['AlertRaised', 'AlertClusterGrew', 'NotificationDelivered', 'NotificationFailed'], streamPrefix: 'alert-' },
      batchSize: 500,
      handle: async (events, { documents }) => {
        for (const event of events) {
          const alertId = (event.data as { alertId: string }).alertId;
          const before = await documents.get<AlertView>(ALERTS_COLLECTION, alertId);
          const after = evolveAlert(before, event);
          if (!after) continue;
          documents.put(ALERTS_COLLECTION, alertId, after);
          if (!before) documents.put(ALERT_TIMELINE_COLLECTION, alertTimelineKey(after.position), alertId);
        }
      },
    };
  }
}
