import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { Classifier } from '@chipwatch/classifier';
import type { EventStore } from '@chipwatch/event-store';
import { CLOCK, EVENT_STORE, JOB_QUEUE, LOGGER, type Clock, type Logger } from '@chipwatch/platform';
import type { JobQueue } from '@chipwatch/queue';
import { deliveryJob, deliveryRequest, NOTIFICATIONS_COLLECTION, type NotificationState } from '@chipwatch/notifications';
import { CLASSIFIER, classifyJob, STORIES_COLLECTION, storyProjection, type StoryView } from '@chipwatch/stories';
import { NotifyDispatchSubscriber } from '../notifications/notify-dispatch.subscriber';

const RECONCILE_EVERY_MS = 5 * 60_000;
/** How long a pass waits for a projection to take in what was committed before it began. */
const PROJECTION_WAIT_MS = 60_000;
/**
 * Stories discovered within this window are reclassified when the classifier version changes;
 * older history is reclassified on request (`chipwatch reclassify --since`).
 */
const RECLASSIFY_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * The log is the truth and queues may lose work (the in-process queue at every restart, Redis
 * when flushed). At start and every five minutes this finds unfinished work in the projections
 * and enqueues it again under the same derived job ids, so nothing runs twice.
 *
 * A projection read here may be kept by another process and lag behind the log: work whose job
 * was lost but which the projection does not show yet would be missed until the next pass. So a
 * pass first waits for each projection's stored checkpoint to cover everything committed before
 * the pass began, whichever process keeps it.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap {
  private running = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CLASSIFIER) private readonly classifier: Classifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.run().catch((error) => this.logger.error({ err: error }, 'start-up reconciliation failed'));
  }

  @Interval('reconciler', RECONCILE_EVERY_MS)
  async onInterval(): Promise<void> {
    await this.run().catch((error) => this.logger.error({ err: error }, 'reconciliation failed'));
  }

  /** Enqueues the unfinished work the projections show. */
  async run(): Promise<{ classify: number; deliver: number }> {
    if (this.running) return { classify: 0, deliver: 0 };
    this.running = true;
    try {
      // Deliveries first: they do not depend on the (larger, slower) stories projection.
      await this.projectionCurrent(NotifyDispatchSubscriber.NAME);
      const deliver = await this.deliveries();
      await this.projectionCurrent(storyProjection.name);
      const classify = await this.classifications();
      if (classify + deliver > 0) this.logger.info({ classify, deliver }, 'reconciler re-enqueued unfinished work');
      else this.logger.debug('reconciler found no unfinished work');
      return { classify, deliver };
    } finally {
      this.running = false;
    }
  }

  /** A projection that cannot catch up in time (its keeper stuck) is read as it is, with a warning. */
  private async projectionCurrent(name: string): Promise<void> {
    await this.store
      .subscriptionCaughtUp(name, PROJECTION_WAIT_MS)
      .catch((error: Error) =>
        this.logger.warn({ subscription: name, err: error }, 'reconciling from a projection that may lag behind the log'),
      );
  }

  /** Stories without a verdict on their current content (or from an older classifier, if recent). */
  private async classifications(): Promise<number> {
    const windowStart = new Date(this.clock.now().getTime() - RECLASSIFY_WINDOW_MS).toISOString();
    let classify = 0;
    let afterKey: string | undefined;
    for (;;) {
      const page = await this.store.documents.list<StoryView>(STORIES_COLLECTION, { afterKey, limit: 1000 });
      for (const { doc: story } of page) {
        const verdict = story.classification;
        const missing = !verdict || verdict.contentVersion !== story.contentVersion;
        const outdated = verdict && verdict.classifierVersion !== this.classifier.version && story.discoveredAt >= windowStart;
        if (!missing && !outdated) continue;
        const { added } = await this.queue.enqueue(classifyJob(story, this.classifier));
        if (added) classify++;
      }
      if (page.length < 1000) return classify;
      afterKey = page[page.length - 1].key;
    }
  }

  /** Notifications raised but neither delivered nor finally failed: the next attempt, at its time. */
  private async deliveries(): Promise<number> {
    const now = this.clock.now().getTime();
    let deliver = 0;
    let afterKey: string | undefined;
    for (;;) {
      const page = await this.store.documents.list<NotificationState>(NOTIFICATIONS_COLLECTION, { afterKey, limit: 1000 });
      for (const { doc: state } of page) {
        if (state.status !== 'pending') continue;
        const attempt = state.attempts + 1;
        const due = state.nextAttemptAt ? Date.parse(state.nextAttemptAt) : now;
        const { added } = await this.queue.enqueue(deliveryJob(deliveryRequest(state, attempt), Math.max(0, due - now)));
        if (added) deliver++;
      }
      if (page.length < 1000) return deliver;
      afterKey = page[page.length - 1].key;
    }
  }
}
