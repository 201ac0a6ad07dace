import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { DocumentReader, DocumentWrite } from '../documents';
import type { AppendOptions, AppendResult, Event, NewEvent, ReadAllOptions, ReadStreamOptions, Recorded } from '../event';
import type { EventStore } from '../event-store';
import type { SecretStore } from '../secrets';
import type { Subscription, SubscriptionOptions } from '../subscription';
import type { CursorBatch, SubscriptionBackend } from '../subscription-backend';
import { waitForStoredCheckpoint } from '../subscription-progress';
import { SubscriptionRunner } from '../subscription-runner';
import { SqliteDocumentReader } from './sqlite-documents';
import { SqliteEventLog } from './sqlite-event-log';
import { migrateSqlite } from './sqlite-migrations';
import { SqliteSecretStore } from './sqlite-secrets';

export interface SqliteEventStoreOptions {
  /** Database file; its folder is created. `:memory:` works for one instance only. */
  filename: string;
  /**
   * `FULL` makes each committed append durable across power loss; `NORMAL` is about 5× faster for
   * single appends in WAL mode but may lose the last transactions on power loss (never corrupts).
   * @defaultValue 'FULL'
   */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * How long a subscription's lease lasts without renewal before another process may take it over.
   * @defaultValue 10000
   */
  leaseMs?: number;
}

/**
 * Embedded event store on one SQLite file (better-sqlite3, WAL). SQLite allows one writer: every
 * append is one `BEGIN IMMEDIATE` transaction, so positions are assigned in commit order and a
 * reader following `position > checkpoint` never skips an event. better-sqlite3 is synchronous:
 * transactions are kept short and a multi-event append is one transaction.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  readonly documents: DocumentReader;
  readonly secrets: SecretStore;
  private readonly db: Database;
  private readonly log: SqliteEventLog;
  private readonly documentReader: SqliteDocumentReader;
  private readonly secretStore: SqliteSecretStore;
  private readonly emitter = new EventEmitter();
  private readonly subscriptions = new Set<SubscriptionRunner>();
  private readonly leaseMs: number;
  private statements!: ReturnType<SqliteEventStore['prepare']>;
  private closed = false;
  private readonly synchronous: 'FULL' | 'NORMAL';

  constructor(options: SqliteEventStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = new BetterSqlite3(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.synchronous = options.synchronous ?? 'FULL';
    this.db.pragma(`synchronous = ${this.synchronous}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.leaseMs = options.leaseMs ?? 10_000;
    this.emitter.setMaxListeners(0);
    this.log = new SqliteEventLog(this.db, () => this.emitter.emit('appended'));
    this.documents = this.documentReader = new SqliteDocumentReader(this.db);
    this.secrets = this.secretStore = new SqliteSecretStore(this.db);
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.db);
    this.log.prepare();
    this.statements = this.prepare();
    this.documentReader.prepare();
    this.secretStore.prepare();
  }

  private prepare() {
    const db = this.db;
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

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    return this.log.append(streamId, events, options);
  }

  readStream<E extends Event = Event>(streamId: string, options: ReadStreamOptions = {}): Promise<Recorded<E>[]> {
    return this.log.readStream<E>(streamId, options);
  }

  readAll<E extends Event = Event>(options: ReadAllOptions<E['type']> = {}): Promise<Recorded<E>[]> {
    return this.log.readAll<E>(options);
  }

  readonly initialCursor = '0';

  readCommitted(cursor: string, limit: number): Promise<CursorBatch> {
    return this.log.readCommitted(cursor, limit);
  }

  headCursor(): Promise<string> {
    return this.log.headCursor();
  }

  cursorAfter(position: number): Promise<string> {
    return this.log.cursorAfter(position);
  }

  headPosition(): Promise<number> {
    return this.log.headPosition();
  }

  subscriptionCaughtUp(name: string, timeoutMs?: number): Promise<void> {
    return waitForStoredCheckpoint(this.backend, name, timeoutMs);
  }

  subscribe<E extends Event = Event>(options: SubscriptionOptions<E>): Subscription {
    const runner = new SubscriptionRunner(this.backend, options);
    this.subscriptions.add(runner);
    return runner;
  }

  watch(listener: () => void): () => void {
    this.emitter.on('appended', listener);
    return () => this.emitter.off('appended', listener);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.closed = true;
    this.db.close();
  }

  private readonly backend: SubscriptionBackend = {
    initialCursor: '0',
    tryLock: async (name, owner) => {
      const now = Date.now();
      const result = this.statements.lock.run({ name, owner, until: now + this.leaseMs, now });
      return result.changes > 0;
    },
    unlock: async (name, owner) => {
      if (!this.closed) this.statements.unlock.run(name, owner);
    },
    loadCursor: async (name) => {
      const row = this.statements.cursor.get(name) as { cursor: string | null } | undefined;
      return row?.cursor ?? null;
    },
    headCursor: () => this.headCursor(),
    // One writer: positions are committed in order, so the head position marks everything committed.
    horizon: () => this.headCursor(),
    handledUpTo: async (name, horizon) => {
      const row = this.statements.cursor.get(name) as { cursor: string | null } | undefined;
      return Number(row?.cursor ?? 0) >= Number(horizon);
    },
    readAfter: (cursor, limit, filter) => this.log.readAfter(cursor, limit, filter),
    commit: async (name, owner, from, to, writes) => this.commitCheckpoint(name, owner, from, to, writes),
    documents: {
      get: (collection, key) => this.documents.get(collection, key),
      list: (collection, options) => this.documents.list(collection, options),
      count: (collection) => this.documents.count(collection),
    },
    watch: (listener) => this.watch(listener),
  };

  private commitCheckpoint(name: string, owner: string, from: string | null, to: string, writes: readonly DocumentWrite[]): void {
    const { cursor, setCursor, docPut, docDelete } = this.statements;
    const commit = this.db.transaction(() => {
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
    if (this.synchronous === 'NORMAL') return commit.immediate();
    this.db.pragma('synchronous = NORMAL');
    try {
      commit.immediate();
    } finally {
      this.db.pragma(`synchronous = ${this.synchronous}`);
    }
  }
}
