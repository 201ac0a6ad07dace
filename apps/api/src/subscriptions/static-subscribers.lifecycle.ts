import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Settings } from '@chipwatch/config';
import type { EventStore } from '@chipwatch/event-store';
import { StaticSubscribers, SubscriptionService, type StaticSubscribersSync } from '@chipwatch/notifications';
import { EVENT_STORE, LOGGER, SETTINGS, type Logger } from '@chipwatch/platform';

/**
 * Applies config/subscribers.yaml in the process that serves the API (one per deployment in the
 * usual topology; a second applying the same file at once changes nothing twice), then follows
 * its edits. Never fails start-up: the subscriptions in the log stay as they are and the log says
 * why.
 */
@Injectable()
export class StaticSubscribersLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly subscribers: StaticSubscribers;

  constructor(
    @Inject(SETTINGS) settings: Settings,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    service: SubscriptionService,
  ) {
    const path = join(settings.configDir, 'subscribers.yaml');
    this.subscribers = new StaticSubscribers(path, service, store, process.env, {
      onSynced: (sync) => this.report(sync),
      onRejected: (error) =>
        logger.error({ issues: error.issues }, `subscribers.yaml rejected; subscriptions stay as they were: ${error.message}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.subscribers
      .start()
      .catch((error: Error) => this.logger.error({ err: error }, `subscribers.yaml not applied: ${error.message}`));
    this.subscribers.watch();
  }

  onApplicationShutdown(): void {
    this.subscribers.stop();
  }

  private report(sync: StaticSubscribersSync): void {
    const { created, updated, removed, failed } = sync;
    for (const { key, message } of failed) this.logger.error({ subscriber: key }, `subscribers.yaml: entry ${key} not applied: ${message}`);
    if (created.length + updated.length + removed.length > 0) this.logger.info({ created, updated, removed }, 'subscribers.yaml applied');
  }
}
