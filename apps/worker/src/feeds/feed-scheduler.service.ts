import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { EventStore } from '@chipwatch/event-store';
import { FeedCatalog, pollFeedJob, readFeedStates } from '@chipwatch/feeds';
import { CLOCK, EVENT_STORE, JOB_QUEUE, LOGGER, type Clock, type Logger } from '@chipwatch/platform';
import type { JobQueue } from '@chipwatch/queue';

/** How often due feeds are looked for; feed intervals are 1 s at the least. */
const TICK_MS = 1_000;

/**
 * Enqueues a `poll-feed` job for every feed whose next poll time (from the feed-state projection)
 * has come. The job id is derived from feed id and due slot, so every worker may tick and a feed
 * is still polled once per slot. A feed never polled is due at once (first poll at start-up).
 */
@Injectable()
export class FeedScheduler {
  private ticking = false;

  constructor(
    private readonly catalog: FeedCatalog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Interval('feed-scheduler', TICK_MS)
  async onTick(): Promise<void> {
    if (this.ticking) return; // a slow store must not pile up overlapping ticks
    this.ticking = true;
    try {
      await this.tick();
    } catch (error) {
      this.logger.error({ err: error }, 'feed scheduler tick failed');
    } finally {
      this.ticking = false;
    }
  }

  /** Enqueues every due feed; returns how many jobs were added. */
  async tick(): Promise<number> {
    const now = this.clock.now().getTime();
    const states = await readFeedStates(this.store.documents);
    let added = 0;
    for (const feed of this.catalog.feeds()) {
      if (!feed.enabled) continue;
      const state = states.get(feed.id);
      const slot = state?.nextPollAt ?? 'first';
      if (state?.nextPollAt && Date.parse(state.nextPollAt) > now) continue;
      const result = await this.queue.enqueue(pollFeedJob(feed.id, slot, state ? 'schedule' : 'startup'));
      if (result.added) added++;
    }
    return added;
  }
}
