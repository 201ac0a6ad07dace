import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Event, EventStore, Subscription, SubscriptionOptions } from '@chipwatch/event-store';
import type { Logger } from '@chipwatch/platform';

type LogSubscriptionOptions = Omit<SubscriptionOptions<Event>, 'onError'>;

/** `Array.isArray` narrows a readonly array union to `any[]`; this keeps the element type. */
const isList = <T>(value: T | readonly T[]): value is readonly T[] => Array.isArray(value);

/**
 * Durable log subscriptions tied to the process's life: they start when the app has booted, and
 * finish their batch and release their locks on shutdown. Subclasses say what they handle.
 */
export abstract class LogSubscriber implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscriptions: Subscription[] = [];

  protected constructor(
    protected readonly store: EventStore,
    protected readonly logger: Logger,
  ) {}

  /** One subscription, or several run side by side (each under its own name and lock). */
  protected abstract options(): LogSubscriptionOptions | readonly LogSubscriptionOptions[];

  onApplicationBootstrap(): void {
    const all = this.options();
    for (const options of isList(all) ? all : [all]) {
      this.subscriptions.push(
        this.store.subscribe({
          ...options,
          onError: (error, attempt, events) =>
            this.logger.error(
              { err: error, attempt, subscription: options.name, from: events[0]?.position, to: events[events.length - 1]?.position },
              'subscription batch failed; retrying with backoff',
            ),
        }),
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((subscription) => subscription.stop()));
  }
}
