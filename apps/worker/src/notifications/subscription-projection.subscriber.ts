import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, SubscriptionOptions } from '@chipwatch/event-store';
import { evolveSubscription, SUBSCRIPTIONS_COLLECTION, type SubscriptionEvent, type SubscriptionView } from '@chipwatch/notifications';
import { EVENT_STORE, LOGGER, type Logger } from '@chipwatch/platform';
import { LogSubscriber } from '../log-subscriber';

/** Subscription documents: who is subscribed, for GET /subscriptions and notification dispatch. */
@Injectable()
export class SubscriptionProjectionSubscriber extends LogSubscriber {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(LOGGER) logger: Logger) {
    super(store, logger);
  }

  protected options(): SubscriptionOptions {
    return {
      name: 'subscriptions',
      filter: { streamPrefix: 'subscription-' },
      batchSize: 500,
      handle: async (events, { documents }) => {
        for (const event of events) {
          const id = (event.data as { subscriptionId: string }).subscriptionId;
          const after = evolveSubscription(await documents.get<SubscriptionView>(SUBSCRIPTIONS_COLLECTION, id), event as unknown as SubscriptionEvent, event.recordedAt);
          if (after) documents.put(SUBSCRIPTIONS_COLLECTION, id, after);
        }
      },
    };
  }
}
