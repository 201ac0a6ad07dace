import type { AppendOptions, AppendResult, EventStore, NewEvent, SubscriptionOptions, Subscription } from '@chipwatch/event-store';
import type { MetricsService } from './metrics.service';

/**
 * Records append rate and latency, and registers subscriptions for the lag gauge, around any
 * adapter. Everything else is passed through unchanged.
 */
export function instrumentEventStore(store: EventStore, metrics: MetricsService): EventStore {
  metrics.trackHead(() => store.headPosition());
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') {
        return async (streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> => {
          const stop = metrics.appendDuration.startTimer();
          const result = await target.append(streamId, events, options);
          stop();
          for (const event of events) metrics.appendedEvents.inc({ type: event.type });
          return result;
        };
      }
      if (property === 'subscribe') {
        return (options: SubscriptionOptions): Subscription => {
          const subscription = target.subscribe(options);
          metrics.trackSubscription(subscription);
          return subscription;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
