import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DeliveryService } from '@chipwatch/notifications';
import type { Settings } from '@chipwatch/config';
import { JOB_QUEUE, KeyedLimiter, LOGGER, MetricsService, SETTINGS, jobObservers, type Logger } from '@chipwatch/platform';
import type { Job, JobQueue } from '@chipwatch/queue';

/**
 * Sends at once per subscription, so a slow or dead receiver ties up at most this many sends.
 * Not 1 or 2: a burst of alerts to one receiver (a long feed list added, a backlog after an
 * outage) went out two at a time, ~40 a second on loopback, seconds behind the alerts.
 */
const PER_SUBSCRIPTION = 8;

/**
 * Runs `deliver-notification` jobs. Retries are the delivery policy's (backoff with jitter,
 * Retry-After, about 8 attempts over an hour), recorded as events and queued as new delayed jobs,
 * so the queue itself never retries a delivery.
 */
@Injectable()
export class DeliverNotificationProcessor implements OnApplicationBootstrap {
  private readonly perSubscription = new KeyedLimiter(PER_SUBSCRIPTION);

  constructor(
    private readonly delivery: DeliveryService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

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
    const { subscriptionId, alertId, attempt } = job.data;
    const outcome = await this.perSubscription.run(subscriptionId, () => this.delivery.deliver(job.data));
    this.logger.info({ jobId: job.id, alertId, subscriptionId, attempt, outcome }, `notification ${outcome}`);
  }
}
