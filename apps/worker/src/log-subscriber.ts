import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore, Subscription, SubscriptionOptions } from '@chipwatch/event-store';
import type { Logger } from '@chipwatch/platform';

/**
 * A durable log subscription tied to the process's life: it starts when the app has booted and
 * finishes its batch and releases its lock on shutdown. Subclasses say what they handle.
 */
export abstract class LogSubscriber implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription: Subscription | undefined;

  protected constructor(
    protected readonly store: EventStore,
    protected readonly logger: Logger,
  ) {}

  protected abstract options(): Omit<SubscriptionOptions, 'onError'>;

  onApplicationBootstrap(): void {
    const options = this.options();
    this.subscription = this.store.subscribe({
      ...options,
      onError: (error, attempt, events) =>
        this.logger.error(
          { err: error, attempt, subscription: options.name, from: events[0]?.position, to: events[events.length - 1]?.position },
          'subscription batch failed; retrying with backoff',
        ),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }
}
