import type { RecordedEvent } from './event';
import type { DocumentReader, DocumentWrite } from './documents';
import type { EventFilter } from './subscription';

/** A batch read after a cursor, and the cursor to store once the batch is handled. */
export interface CursorBatch {
  events: RecordedEvent[];
  /** Opaque; equal to the input cursor when `events` is empty. */
  cursor: string;
  /**
   * False when committed events may be held back behind a transaction still open (PostgreSQL's
   * horizon): a short batch then does not mean caught up.
   * @defaultValue true
   */
  complete?: boolean;
  /** The highest position read past, when the backend skipped events that did not match the filter. */
  scannedTo?: number;
}

/**
 * What an adapter provides so the shared `SubscriptionRunner` can drive a durable subscription.
 * Cursors are opaque strings: SQLite uses the position, PostgreSQL the (transaction id, position)
 * pair, because positions there are not assigned in commit order.
 */
export interface SubscriptionBackend {
  /** Takes or keeps the cross-process lock for `name`; false when another instance holds it. */
  tryLock(name: string, owner: string): Promise<boolean>;
  unlock(name: string, owner: string): Promise<void>;
  /** The stored cursor, or null for a new subscription. */
  loadCursor(name: string): Promise<string | null>;
  /** The cursor that starts after everything committed now (for `startFrom: 'end'`). */
  headCursor(): Promise<string>;
  /** The cursor a new subscription starts from to see every event. */
  readonly initialCursor: string;
  /**
   * Committed events after `cursor`, in a gap-free order, at most `limit`. A backend may apply
   * `filter` itself, then counting only matching events towards `limit` and moving the cursor past
   * the others it scanned; one that does not returns every event and the runner filters.
   */
  readAfter(cursor: string, limit: number, filter?: EventFilter): Promise<CursorBatch>;
  /**
   * Applies document writes and moves the checkpoint from `from` to `to` in one transaction.
   * Throws when the stored checkpoint is no longer `from` (another instance took over).
   */
  commit(name: string, owner: string, from: string | null, to: string, writes: readonly DocumentWrite[]): Promise<void>;
  /** A mark of everything committed now, for `handledUpTo`. */
  horizon(): Promise<string>;
  /** Whether the cursor stored for `name` (by any process) is past every event committed at `horizon`. */
  handledUpTo(name: string, horizon: string): Promise<boolean>;
  /** For reads inside a handler's context. */
  readonly documents: DocumentReader;
  /** Wake-up hints (in-process emitter or LISTEN/NOTIFY). */
  watch(listener: () => void): () => void;
}
