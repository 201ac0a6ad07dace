import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { deferredDeliveryJob, DeliveryService } from '@chipwatch/notifications';
import type { Settings } from '@chipwatch/config';
import { JOB_QUEUE, KeyedLimiter, LOGGER, MetricsService, SETTINGS, jobObservers, type Logger } from '@chipwatch/platform';
import type { Job, JobQueue } from '@chipwatch/queue';

/**
 * Sends at once per subscription: at most this, and at most a quarter of the process's delivery
 * slots, so a slow or dead receiver ties up only its share. Not 1 or 2 by default: a burst of
 * alerts to one receiver (a long feed list added, a backlog after an outage) went out two at a
 * time, ~40 a second on loopback, seconds behind the alerts.
 */
const PER_SUBSCRIPTION = 8;

/**
 * Once a subscription has as many jobs waiting in this process as it has send slots, its further
 * jobs go back to the queue to wait rather than wait inside a delivery slot: a burst to a hanging
 * receiver would otherwise fill every slot of the process, and nobody else would hear of anything
 * until the receiver's timeouts ran out. A subscription thus holds at most half the slots. The
 * wait grows by 100 ms each time the job finds the subscription still busy, up to 2 s.
 */
export function deferralDelayMs(deferrals: number): number {
  return Math.min(100 * deferrals, 2_000);
}

/**
 * Runs `deliver-notification` jobs. Retries are the delivery policy's (backoff with jitter,
 * Retry-After, about 8 attempts over an hour), recorded as events and queued as new delayed jobs,
 * so the queue itself never retries a delivery.
 */
@Injectable()
export class DeliverNotificationProcessor implements OnApplicationBootstrap {
  private readonly perSubscription: KeyedLimiter;

  constructor(
    private readonly delivery: DeliveryService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    this.perSubscription = new KeyedLimiter(Math.max(1, Math.min(PER_SUBSCRIPTION, Math.floor(settings.concurrency.deliver / 4))));
  }

  onApplicationBootstrap(): void {
    this.queue.process('deliver-notification', (job) => this.handle(job), {
      // Mostly waiting on receivers, each bounded by its timeouts (CHIPWATCH_DELIVERY_CONCURRENCY).
      concurrency: this.settings.concurrency.deliver,
      // Only failures to record an outcome (the store) reach the queue's retry.
      retry: { attempts: 5, backoffMs: 1_000 },
      ...jobObservers('deliver-notification', this.logger, this.metrics),
    });
  }

  async handle(job: Job<'deliver-notification'>): Promise<void> {
    const { deferrals = 0, ...request } = job.data;
    const { subscriptionId, alertId, attempt } = request;
    if (this.perSubscription.pending(subscriptionId) >= 2 * this.perSubscription.limit) {
      const delayMs = deferralDelayMs(deferrals + 1);
      // Derived from this job's id, so a retried handler adds the waiting job only once.
      await this.queue.enqueue(deferredDeliveryJob(request, deferrals + 1, delayMs));
      this.logger.debug(
        { jobId: job.id, alertId, subscriptionId, attempt, deferrals: deferrals + 1, delayMs },
        'notification waits: its subscription has every send slot busy',
      );
      return;
    }
    const outcome = await this.perSubscription.run(subscriptionId, () => this.delivery.deliver(request));
    this.logger.info({ jobId: job.id, alertId, subscriptionId, attempt, outcome }, `notification ${outcome}`);
  }
}
