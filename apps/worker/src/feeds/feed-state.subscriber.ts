import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, SubscriptionOptions } from '@chipwatch/event-store';
import { evolveFeedState, FEED_STATE_COLLECTION, initialFeedState, type FeedEvent, type FeedState } from '@chipwatch/feeds';
import { EVENT_STORE, LOGGER, type Logger } from '@chipwatch/platform';
import { LogSubscriber } from '../log-subscriber';

/** Projects feed streams into feed-state documents (scheduling and feed health). */
@Injectable()
export class FeedStateSubscriber extends LogSubscriber {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(LOGGER) logger: Logger) {
    super(store, logger);
  }

  protected options(): SubscriptionOptions {
    return {
      name: 'feed-state',
      filter: { types: ['FeedPolled', 'FeedPollFailed'], streamPrefix: 'feed-' },
      batchSize: 500,
      handle: async (events, { documents }) => {
        for (const event of events) {
          const feedId = (event.data as { feedId: string }).feedId;
          const state = (await documents.get<FeedState>(FEED_STATE_COLLECTION, feedId)) ?? initialFeedState(feedId);
          documents.put(FEED_STATE_COLLECTION, feedId, evolveFeedState(state, event as unknown as FeedEvent, event.recordedAt));
        }
      },
    };
  }
}
