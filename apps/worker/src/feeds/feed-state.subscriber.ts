import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore, Subscription } from '@chipwatch/event-store';
import { evolveFeedState, FEED_STATE_COLLECTION, initialFeedState, type FeedEvent, type FeedState } from '@chipwatch/feeds';
import { EVENT_STORE, LOGGER, type Logger } from '@chipwatch/platform';

/** Projects feed streams into feed-state documents (scheduling and feed health). */
@Injectable()
export class FeedStateSubscriber implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription: Subscription | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.store.subscribe({
      name: 'feed-state',
      filter: { types: ['FeedPolled', 'FeedPollFailed'], streamPrefix: 'feed-' },
      batchSize: 500,
      onError: (error, attempt) => this.logger.error({ err: error, attempt, subscription: 'feed-state' }, 'projection batch failed; retrying'),
      handle: async (events, { documents }) => {
        for (const event of events) {
          const feedId = (event.data as { feedId: string }).feedId;
          const state = (await documents.get<FeedState>(FEED_STATE_COLLECTION, feedId)) ?? initialFeedState(feedId);
          documents.put(FEED_STATE_COLLECTION, feedId, evolveFeedState(state, event as unknown as FeedEvent, event.recordedAt));
        }
      },
    });
  }

  /** Resolves when every feed event committed so far is in the documents (tests, shutdown). */
  caughtUp(timeoutMs?: number): Promise<void> {
    return this.subscription ? this.subscription.caughtUp(timeoutMs) : Promise.resolve();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }
}
