import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { EventStore } from '@chipwatch/event-store';
import {
  FEED_STATE_COLLECTION,
  FeedCatalog,
  feedHealth,
  pollFeedJob,
  readFeedStates,
  type FeedHealth,
  type FeedState,
} from '@chipwatch/feeds';
import { CLOCK, EVENT_STORE, JOB_QUEUE, type Clock } from '@chipwatch/platform';
import type { JobQueue } from '@chipwatch/queue';

/** Feed health for people, and polls on request. */
@Injectable()
export class FeedHealthService {
  constructor(
    private readonly catalog: FeedCatalog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<{ feeds: FeedHealth[] }> {
    const states = await readFeedStates(this.store.documents);
    return { feeds: this.catalog.feeds().map((feed) => feedHealth(feed, states.get(feed.id))) };
  }

  async get(feedId: string): Promise<FeedHealth> {
    const feed = this.requireFeed(feedId);
    return feedHealth(feed, await this.store.documents.get<FeedState>(FEED_STATE_COLLECTION, feedId));
  }

  async pollNow(feedId: string): Promise<{ feedId: string; jobId: string; queued: boolean }> {
    this.requireFeed(feedId);
    const slot = `manual-${this.clock.now().toISOString()}`;
    const result = await this.queue.enqueue(pollFeedJob(feedId, slot, 'manual'));
    return { feedId, jobId: result.jobId, queued: result.added };
  }

  private requireFeed(feedId: string) {
    const feed = this.catalog.get(feedId);
    if (!feed) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `no feed "${feedId}" in feeds.yaml` });
    return feed;
  }
}
