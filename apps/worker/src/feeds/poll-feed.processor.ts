import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@chipwatch/event-store';
import { FEED_STATE_COLLECTION, FeedCatalog, FeedPoller, HostLimiter, type FeedState } from '@chipwatch/feeds';
import type { Settings } from '@chipwatch/config';
import { EVENT_STORE, JOB_QUEUE, LOGGER, MetricsService, SETTINGS, jobObservers, type Logger } from '@chipwatch/platform';
import type { Job, JobQueue } from '@chipwatch/queue';

/** Polls of one host at once, per process. */
const PER_HOST_LIMIT = 2;

/** Runs `poll-feed` jobs: one recorded poll each (FeedPolled or FeedPollFailed). */
@Injectable()
export class PollFeedProcessor implements OnApplicationBootstrap {
  private readonly hosts = new HostLimiter(PER_HOST_LIMIT);

  constructor(
    private readonly catalog: FeedCatalog,
    private readonly poller: FeedPoller,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process('poll-feed', (job) => this.handle(job), {
      // Mostly waiting on the network (CHIPWATCH_POLL_CONCURRENCY).
      concurrency: this.settings.concurrency.poll,
      retry: { attempts: 3, backoffMs: 2_000 },
      ...jobObservers('poll-feed', this.logger, this.metrics),
    });
  }

  async handle(job: Job<'poll-feed'>): Promise<void> {
    const { feedId, slot } = job.data;
    const feed = this.catalog.get(feedId);
    if (!feed) {
      this.logger.info({ jobId: job.id, feedId }, 'feed no longer configured; poll skipped');
      return;
    }
    const state = await this.store.documents.get<FeedState>(FEED_STATE_COLLECTION, feedId);
    if (state?.lastSlot === slot) {
      this.logger.debug({ jobId: job.id, feedId, slot }, 'slot already polled; skipped');
      return;
    }
    const record = await this.hosts.run(feed.url, () => this.poller.poll({ feed, slot, state, correlationId: job.id }));
    const data = record.data;
    this.logger.info(
      record.type === 'FeedPolled'
        ? { jobId: job.id, feedId, status: record.data.status, newStories: record.data.newStories, nextPollAt: data.nextPollAt }
        : { jobId: job.id, feedId, reason: record.data.reason, message: record.data.message, nextPollAt: data.nextPollAt },
      record.type === 'FeedPolled' ? 'feed polled' : 'feed poll failed',
    );
  }
}
