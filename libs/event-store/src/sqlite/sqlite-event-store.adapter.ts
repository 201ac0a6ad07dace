import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { DocumentReader } from '../documents';
import type { AppendOptions, AppendResult, Event, NewEvent, ReadAllOptions, ReadStreamOptions, Recorded } from '../event';
import type { EventStore } from '../event-store';
import type { SecretStore } from '../secrets';
import type { Subscription, SubscriptionOptions } from '../subscription';
import type { CursorBatch } from '../subscription-backend';
import { waitForStoredCheckpoint } from '../subscription-progress';
import { SubscriptionRunner } from '../subscription-runner';
import { SqliteDocumentReader } from './sqlite-documents';
import { SqliteEventLog } from './sqlite-event-log';
import { migrateSqlite } from './sqlite-migrations';
import { SqliteSecretStore } from './sqlite-secrets';
import { SqliteSubscriptionBackend } from './sqlite-subscriptions';

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
 * Composed like `PostgresEventStore`: the log (`SqliteEventLog`), subscriptions
 * (`SqliteSubscriptionBackend`), documents and secrets; this class owns the connection, the
 * in-process wake-up hints and the lifecycle.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  readonly documents: DocumentReader;
  readonly secrets: SecretStore;
  private readonly db: Database;
  private readonly log: SqliteEventLog;
  private readonly backend: SqliteSubscriptionBackend;
  private readonly documentReader: SqliteDocumentReader;
  private readonly secretStore: SqliteSecretStore;
  private readonly emitter = new EventEmitter();
  private readonly subscriptions = new Set<SubscriptionRunner>();
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = new BetterSqlite3(options.filename);
    this.db.pragma('journal_mode = WAL');
    const synchronous = options.synchronous ?? 'FULL';
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.emitter.setMaxListeners(0);
    this.log = new SqliteEventLog(this.db, () => this.emitter.emit('appended'));
    this.documents = this.documentReader = new SqliteDocumentReader(this.db);
    this.secrets = this.secretStore = new SqliteSecretStore(this.db);
    this.backend = new SqliteSubscriptionBackend({
      db: this.db,
      log: this.log,
      documents: this.documents,
      leaseMs: options.leaseMs ?? 10_000,
      synchronous,
      watch: (listener) => this.watch(listener),
    });
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.db);
    this.log.prepare();
    this.backend.prepare();
    this.documentReader.prepare();
    this.secretStore.prepare();
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
    this.backend.close();
    this.db.close();
  }
}
