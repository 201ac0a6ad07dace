import type { Event, Recorded, RecordedEvent } from './event';
import type { DocumentTx } from './documents';

export interface SubscriptionContext {
  /** Projection writes made here commit atomically with the checkpoint after `handle` resolves. */
  readonly documents: DocumentTx;
  /** The subscription's name, for logs. */
  readonly name: string;
}

/** Which events a subscription is handed. */
export interface EventFilter<Type extends string = string> {
  types?: readonly Type[];
  streamPrefix?: string;
}

/** `E`: the events the handler is given, as their libs declare them; `filter.types` lists their types. */
export interface SubscriptionOptions<E extends Event = Event> {
  /** Durable name: the checkpoint and the single-instance lock are keyed by it. */
  name: string;
  /** Only these events are handed over (the checkpoint still advances past the others). */
  filter?: EventFilter<E['type']>;
  /**
   * Handles a batch in log order. A throw retries the same batch with backoff and does not advance
   * the checkpoint; nothing written to `ctx.documents` is kept.
   */
  handle(events: Recorded<E>[], ctx: SubscriptionContext): Promise<void>;
  /** @defaultValue 100 */
  batchSize?: number;
  /** Poll when no wake-up hint arrives. @defaultValue 1000 */
  pollIntervalMs?: number;
  /** First retry delay after a handler error; doubles up to `retryMaxMs`. @defaultValue 100 */
  retryInitialMs?: number;
  /** @defaultValue 30000 */
  retryMaxMs?: number;
  /** Where a subscription with no stored checkpoint begins. @defaultValue 'beginning' */
  startFrom?: 'beginning' | 'end';
  /** Called on each handler failure (after the batch is rolled back), for logging. */
  onError?(error: unknown, attempt: number, events: readonly RecordedEvent[]): void;
}

export interface SubscriptionStatus {
  name: string;
  /** True while this instance holds the cross-process lock and processes events. */
  active: boolean;
  /** Highest global position handled so far (0 before the first). */
  lastPosition: number;
  /** Consecutive handler failures on the current batch. */
  failures: number;
}

export interface Subscription {
  readonly name: string;
  status(): SubscriptionStatus;
  /**
   * Resolves once every event committed before this call has been handled
   * (a fact to wait on in tests and on shutdown), or rejects after `timeoutMs`.
   */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Finishes the batch in hand, releases the lock, stops. */
  stop(): Promise<void>;
}
