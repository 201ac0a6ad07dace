import type { NewEvent } from '../event';
import type { EventStore } from '../event-store';

/** Appends inside a transaction that the writer holds open on its own connection. */
export type TransactionalAppend = (streamId: string, events: readonly NewEvent[]) => Promise<void>;

export interface ConcurrentWriter {
  /**
   * Opens a transaction, runs `work` (which appends and may wait), then commits, or rolls back when
   * `rollback` is true. For SQLite, whose single writer cannot hold a transaction open across awaits,
   * this is a plain async append after `work`'s waits (see the issue: concurrent async appends).
   */
  transaction(work: (append: TransactionalAppend) => Promise<void>, rollback: boolean): Promise<void>;
  close(): Promise<void>;
}

/** What each adapter's int-spec supplies so one conformance suite runs against it. */
export interface ConformanceHarness {
  readonly adapter: 'sqlite' | 'postgres';
  /** A migrated store on a fresh, isolated database (own schema or file). */
  create(): Promise<EventStore>;
  /** A new instance over the same database as `create`'s last store (a "restart" or a second process). */
  reopen(): Promise<EventStore>;
  /** A writer with its own connection to the same database. */
  writer(): Promise<ConcurrentWriter>;
  /** Drops what `create` made. */
  destroy(): Promise<void>;
}
