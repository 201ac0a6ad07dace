import { join } from 'node:path';
import { Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Settings } from '@chipwatch/config';
import type { EventStore } from '@chipwatch/event-store';
import { CLOCK, EVENT_STORE, LOGGER, SETTINGS, type Clock, type Logger } from '@chipwatch/platform';
import { FeedFetcher } from './feed-fetcher';
import { closeSharedFeedParser, sharedFeedParser } from './feed-poll';
import { FeedCatalog } from './ingestion/feed-catalog';
import { FeedPoller } from './ingestion/feed-poller';
import { StoryRecorder } from './ingestion/story-recorder';

/** Watches feeds.yaml while the process runs, and frees the parser thread at shutdown. */
@Injectable()
class FeedsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly catalog: FeedCatalog) {}

  onApplicationBootstrap(): void {
    this.catalog.watch();
  }

  async onApplicationShutdown(): Promise<void> {
    this.catalog.stop();
    await closeSharedFeedParser();
  }
}

/** Feed catalog, fetcher, story recorder and poller for whichever app needs them. */
@Module({
  providers: [
    {
      provide: FeedCatalog,
      inject: [SETTINGS, LOGGER],
      useFactory: (settings: Settings, logger: Logger) => {
        const catalog = new FeedCatalog(join(settings.configDir, 'feeds.yaml'), {
          onReload: (feeds) => logger.info({ feeds: feeds.length }, 'feeds.yaml reloaded'),
          onReject: (error) => logger.error({ issues: error.issues }, `feeds.yaml rejected; previous feeds stay active: ${error.message}`),
        });
        const feeds = catalog.load();
        logger.info({ feeds: feeds.length }, 'feeds loaded');
        return catalog;
      },
    },
    { provide: FeedFetcher, useFactory: () => new FeedFetcher() },
    { provide: StoryRecorder, inject: [EVENT_STORE], useFactory: (store: EventStore) => new StoryRecorder(store) },
    {
      provide: FeedPoller,
      inject: [EVENT_STORE, FeedFetcher, StoryRecorder, CLOCK],
      useFactory: (store: EventStore, fetcher: FeedFetcher, stories: StoryRecorder, clock: Clock) =>
        new FeedPoller({ store, fetcher, stories, now: () => clock.now(), parser: sharedFeedParser() }),
    },
    FeedsLifecycle,
  ],
  exports: [FeedCatalog, FeedPoller],
})
export class FeedsModule {}
