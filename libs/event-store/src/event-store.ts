import type { AppendOptions, Event, Recorded, AppendResult, NewEvent, ReadAllOptions, ReadStreamOptions } from './event';
import type { DocumentReader } from './documents';
import type { SecretStore } from './secrets';
import type { Subscription, SubscriptionOptions } from './subscription';
import type { CursorBatch } from './subscription-backend';

/**
 * The append-only log: the only source of truth. Two adapters implement it (SQLite, PostgreSQL)
 * and both pass `testing/event-store.conformance.ts`.
 */
export interface EventStore {
  /** `sqlite` or `postgres`: for health and metrics labels. */
  readonly kind: 'sqlite' | 'postgres';

  /** Creates or upgrades the schema; safe on an empty and on an existing database. */
  migrate(): Promise<void>;

  /**
   * Appends events to one stream atomically.
   * @throws ConcurrencyError when `expectedVersion` does not hold.
   * Idempotent on event ids: a retry whose ids are all already stored in this stream returns the
   * original positions and writes nothing.
   */
  append(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;

  /**
   * A stream's events in version order; empty when the stream does not exist. `E` is the stream's
   * event union as its lib declares it (read through the lib's own reader where it has one).
   */
  readStream<E extends Event = Event>(streamId: string, options?: ReadStreamOptions): Promise<Recorded<E>[]>;

  /** Events in global position order, for paging by people (REST) and tools. */
  readAll<E extends Event = Event>(options?: ReadAllOptions<E['type']>): Promise<Recorded<E>[]>;

  /**
   * Gap-free tailing read for live readers (SSE): committed events after `cursor`, in an order in
   * which no later read returns an event that belongs before one already returned. Cursors are
   * opaque; start from `initialCursor`, or from `cursorAfter(position)` to resume.
   */
  readCommitted(cursor: string, limit: number): Promise<CursorBatch>;

  /** The tail cursor that resumes just after the event at `position` (e.g. an SSE Last-Event-ID). */
  cursorAfter(position: number): Promise<string>;

  /** The tail cursor before the first event. */
  readonly initialCursor: string;

  /** The tail cursor after everything committed now (a live reader that wants only new events). */
  headCursor(): Promise<string>;

  /** Position of the newest committed event, 0 when empty. */
  headPosition(): Promise<number>;

  /**
   * A durable named subscription: catches up from its stored checkpoint, then follows new appends.
   * At-least-once; one active instance per name across processes.
   */
  subscribe<E extends Event = Event>(options: SubscriptionOptions<E>): Subscription;

  /**
   * Resolves once the durable subscription `name`, whichever process runs it, has handled every
   * event committed before this call; rejects after `timeoutMs` (@defaultValue 30000). For work
   * that reads a projection another process may be keeping (the reconciler).
   */
  subscriptionCaughtUp(name: string, timeoutMs?: number): Promise<void>;

  /** Read side of projection documents (written through a subscription's context). */
  readonly documents: DocumentReader;

  /** Credentials kept beside the log, never in it (see secrets.ts). */
  readonly secrets: SecretStore;

  /**
   * Calls `listener` (a hint, possibly spurious or coalesced) when events may have been appended,
   * by this process or another. Returns the unsubscribe function.
   */
  watch(listener: () => void): () => void;

  /** Cheap liveness check for /health. */
  ping(): Promise<void>;

  /** Stops subscriptions and releases connections. */
  close(): Promise<void>;
}
