import type { Database } from 'better-sqlite3';
import type { DocumentReader, DocumentWrite } from '../documents';
import type { EventFilter } from '../subscription';
import type { CursorBatch, SubscriptionBackend } from '../subscription-backend';
import type { SqliteEventLog } from './sqlite-event-log';

export interface SqliteSubscriptionBackendOptions {
  db: Database;
  /** Where subscriptions read from; a cursor is a position. */
  log: SqliteEventLog;
  documents: DocumentReader;
  leaseMs: number;
  /** The store's setting, which appends keep; checkpoint commits go without the fsync. */
  synchronous: 'FULL' | 'NORMAL';
  watch(listener: () => void): () => void;
}

/**
 * The SQLite side of `SubscriptionRunner`: a lease row per subscription (renewed by the runner,
 * taken over once it expires), the stored checkpoint, and its compare-and-set together with the
 * handler's documents in one transaction.
 */
export class SqliteSubscriptionBackend implements SubscriptionBackend {
  readonly initialCursor = '0';
  readonly documents: DocumentReader;
  private statements!: ReturnType<SqliteSubscriptionBackend['prepareStatements']>;
  private closed = false;

  constructor(private readonly options: SqliteSubscriptionBackendOptions) {
    this.documents = options.documents;
  }

  /** Once the tables exist (after migrating). */
  prepare(): void {
    this.statements = this.prepareStatements();
  }

  private prepareStatements() {
    const db = this.options.db;
    return {
      lock: db.prepare(
        `INSERT INTO subscriptions (name, owner, lease_until) VALUES (@name, @owner, @until)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
         WHERE subscriptions.owner IS NULL OR subscriptions.owner = excluded.owner OR subscriptions.lease_until < @now`,
      ),
      unlock: db.prepare('UPDATE subscriptions SET owner = NULL, lease_until = 0 WHERE name = ? AND owner = ?'),
      cursor: db.prepare('SELECT cursor, owner FROM subscriptions WHERE name = ?'),
      setCursor: db.prepare('UPDATE subscriptions SET cursor = ?, updated_at = ? WHERE name = ?'),
      docPut: db.prepare(
        'INSERT INTO documents (collection, key, doc) VALUES (?, ?, ?) ON CONFLICT (collection, key) DO UPDATE SET doc = excluded.doc',
      ),
      docDelete: db.prepare('DELETE FROM documents WHERE collection = ? AND key = ?'),
    };
  }

  watch(listener: () => void): () => void {
    return this.options.watch(listener);
  }

  async tryLock(name: string, owner: string): Promise<boolean> {
    const now = Date.now();
    const result = this.statements.lock.run({ name, owner, until: now + this.options.leaseMs, now });
    return result.changes > 0;
  }

  async unlock(name: string, owner: string): Promise<void> {
    if (!this.closed) this.statements.unlock.run(name, owner);
  }

  async loadCursor(name: string): Promise<string | null> {
    const row = this.statements.cursor.get(name) as { cursor: string | null } | undefined;
    return row?.cursor ?? null;
  }

  headCursor(): Promise<string> {
    return this.options.log.headCursor();
  }

  // One writer: positions are committed in order, so the head position marks everything committed.
  horizon(): Promise<string> {
    return this.options.log.headCursor();
  }

  async handledUpTo(name: string, horizon: string): Promise<boolean> {
    const row = this.statements.cursor.get(name) as { cursor: string | null } | undefined;
    return Number(row?.cursor ?? 0) >= Number(horizon);
  }

  readAfter(cursor: string, limit: number, filter?: EventFilter): Promise<CursorBatch> {
    return this.options.log.readAfter(cursor, limit, filter);
  }

  async commit(name: string, owner: string, from: string | null, to: string, writes: readonly DocumentWrite[]): Promise<void> {
    const { db, synchronous } = this.options;
    const { cursor, setCursor, docPut, docDelete } = this.statements;
    const commit = db.transaction(() => {
      const row = cursor.get(name) as { cursor: string | null; owner: string | null } | undefined;
      if (!row || row.owner !== owner) throw new Error(`subscription ${name}: lock lost to another instance`);
      if (row.cursor !== from) throw new Error(`subscription ${name}: checkpoint moved from ${from} to ${row.cursor}`);
      for (const write of writes) {
        if (write.op === 'put') docPut.run(write.collection, write.key, JSON.stringify(write.doc));
        else docDelete.run(write.collection, write.key);
      }
      setCursor.run(to, new Date().toISOString(), name);
    });
    // A checkpoint and its documents are derived from the log, so they skip the fsync that
    // appends pay (most of the embedded pipeline's CPU went to it). Losing the last ones on power
    // loss means handling those events again, which every subscriber does idempotently; and the
    // WAL replays commits in order, so a checkpoint on disk never runs ahead of the events it
    // covers (they were synced before it).
    if (synchronous === 'NORMAL') return commit.immediate();
    db.pragma('synchronous = NORMAL');
    try {
      commit.immediate();
    } finally {
      db.pragma(`synchronous = ${synchronous}`);
    }
  }

  /** Unlocks from here on are no-ops: the database is being closed. Subscriptions must already be stopped. */
  close(): void {
    this.closed = true;
  }
}
