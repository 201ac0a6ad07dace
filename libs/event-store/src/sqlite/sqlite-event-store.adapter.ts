import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Statement, type Transaction } from 'better-sqlite3';
import type { DocumentReader, DocumentWrite } from '../documents';
import { ConcurrencyError, DuplicateEventIdError } from '../errors';
import { asRecorded, type AppendOptions, type AppendResult, type Event, type NewEvent, type ReadAllOptions, type ReadStreamOptions, type Recorded, type RecordedEvent } from '../event';
import type { EventStore } from '../event-store';
import type { SecretStore } from '../secrets';
import { assertExpectedVersion } from '../expected-version';
import type { EventFilter, Subscription, SubscriptionOptions } from '../subscription';
import type { CursorBatch, SubscriptionBackend } from '../subscription-backend';
import { waitForStoredCheckpoint } from '../subscription-progress';
import { SubscriptionRunner } from '../subscription-runner';
import { SqliteDocumentReader } from './sqlite-documents';
import { GroupCommit, type GroupOutcome } from './sqlite-group-commit';
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

interface PreparedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

interface PendingAppend {
  streamId: string;
  rows: PreparedEvent[];
  options: AppendOptions;
}

type EventRow = [number, string, string, number, string, string, string, string];

const EVENT_COLUMNS = 'position, event_id, stream_id, stream_version, type, data, metadata, recorded_at';

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
  private readonly documentReader: SqliteDocumentReader;
  private readonly secretStore: SqliteSecretStore;
  private readonly emitter = new EventEmitter();
  private readonly subscriptions = new Set<SubscriptionRunner>();
  private readonly leaseMs: number;
  private statements!: ReturnType<SqliteEventStore['prepare']>;
  private appendTransaction!: Transaction<(streamId: string, rows: PreparedEvent[], options: AppendOptions) => AppendResult>;
  private appends!: GroupCommit<PendingAppend, AppendResult>;
  /** A subscription's filtered read and the head, in one snapshot. */
  private filteredRead!: Transaction<(after: number, limit: number, filter: EventFilter) => CursorBatch>;
  private closed = false;
  private readonly filteredStatements = new Map<string, Statement>();
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
    this.documents = this.documentReader = new SqliteDocumentReader(this.db);
    this.secrets = this.secretStore = new SqliteSecretStore(this.db);
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.db);
    this.statements = this.prepare();
    this.documentReader.prepare();
    this.secretStore.prepare();
    const { streamVersion, insert } = this.statements;
    // Built once: better-sqlite3 prepares BEGIN/COMMIT per transaction function.
    this.appendTransaction = this.db.transaction((streamId: string, rows: PreparedEvent[], options: AppendOptions) => {
      const current = (streamVersion.get(streamId) as number | null) ?? 0;
      assertExpectedVersion(streamId, options.expectedVersion, current);
      const recordedAt = new Date().toISOString();
      const positions = rows.map(
        (row, index) =>
          Number(insert.run(row.id, streamId, current + index + 1, row.type, row.data, row.metadata, recordedAt).lastInsertRowid),
      );
      return { positions, streamVersion: current + rows.length, duplicate: false };
    });
    // Called inside the group's transaction, each append becomes a savepoint: a failed version
    // check or id conflict rolls back that append alone.
    const group = this.db.transaction((pending: PendingAppend[]) =>
      pending.map(({ streamId, rows, options }): GroupOutcome<AppendResult> => {
        try {
          return { ok: true, value: this.appendTransaction(streamId, rows, options) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    this.appends = new GroupCommit((pending) => group.immediate(pending));
    this.filteredRead = this.db.transaction((after: number, limit: number, filter: EventFilter): CursorBatch => {
      const events = this.selectEvents({ after, limit, types: filter.types, streamPrefix: filter.streamPrefix });
      if (events.length === limit) return { events, cursor: String(events[events.length - 1].position) };
      const scannedTo = Math.max(after, (this.statements.head.get() as number | undefined) ?? 0);
      return { events, cursor: String(scannedTo), scannedTo };
    });
  }

  private prepare() {
    const db = this.db;
    return {
      streamVersion: db.prepare('SELECT MAX(stream_version) FROM events WHERE stream_id = ?').pluck(),
      insert: db.prepare(
        'INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      byEventId: db.prepare('SELECT position, stream_id FROM events WHERE event_id = ?').raw(),
      readStream: db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND stream_version > ? ORDER BY stream_version`)
        .raw(),
      readAfter: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(),
      head: db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck(),
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

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const rows: PreparedEvent[] = events.map((event) => ({
      id: event.id ?? randomUUID(),
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata ?? {}),
    }));
    try {
      const result = await this.appends.submit({ streamId, rows, options });
      this.emitter.emit('appended');
      return result;
    } catch (error) {
      // A retry may fail the version check (the first attempt moved the stream) or hit the id constraint.
      if (error instanceof ConcurrencyError || isUniqueViolation(error, 'events.event_id')) {
        const original = this.idempotentResult(streamId, rows);
        if (original) return original;
      }
      throw error;
    }
  }

  /**
   * A retry with ids already stored in this stream returns the original positions; null when none
   * of the ids is stored (a genuine conflict).
   */
  private idempotentResult(streamId: string, rows: { id: string }[]): AppendResult | null {
    const found = rows.map((row) => this.statements.byEventId.get(row.id) as [number, string] | undefined);
    if (found.every((hit) => !hit)) return null;
    const foreign = found.findIndex((hit) => !hit || hit[1] !== streamId);
    if (foreign >= 0) throw new DuplicateEventIdError(rows[foreign].id, streamId);
    const current = (this.statements.streamVersion.get(streamId) as number | null) ?? 0;
    return { positions: found.map((hit) => hit![0]), streamVersion: current, duplicate: true };
  }

  async readStream<E extends Event = Event>(streamId: string, options: ReadStreamOptions = {}): Promise<Recorded<E>[]> {
    return asRecorded<E>((this.statements.readStream.all(streamId, options.afterVersion ?? 0) as EventRow[]).map(toRecorded));
  }

  async readAll<E extends Event = Event>(options: ReadAllOptions<E['type']> = {}): Promise<Recorded<E>[]> {
    return asRecorded<E>(this.selectEvents(options));
  }

  private selectEvents(options: ReadAllOptions): RecordedEvent[] {
    const after = options.after ?? 0;
    const limit = options.limit ?? 100;
    if (!options.types?.length && options.streamPrefix === undefined && options.streamId === undefined) {
      return (this.statements.readAfter.all(after, limit) as EventRow[]).map(toRecorded);
    }
    const where = ['position > ?'];
    const params: unknown[] = [after];
    if (options.types?.length) {
      where.push(`type IN (${options.types.map(() => '?').join(', ')})`);
      params.push(...options.types);
    }
    if (options.streamId !== undefined) {
      where.push('stream_id = ?');
      params.push(options.streamId);
    }
    if (options.streamPrefix !== undefined) {
      // A range on the (stream_id, stream_version) index; LIKE would be case-insensitive and need escaping.
      where.push('stream_id >= ? AND stream_id < ?');
      params.push(options.streamPrefix, options.streamPrefix + '\uffff');
    }
    params.push(limit);
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`;
    return (this.filteredStatement(sql).all(...params) as EventRow[]).map(toRecorded);
  }

  /** Statements of filtered reads, by SQL: subscriptions repeat the same few filters all the time. */
  private filteredStatement(sql: string): Statement {
    let statement = this.filteredStatements.get(sql);
    if (!statement) {
      if (this.filteredStatements.size >= 64) this.filteredStatements.clear();
      statement = this.db.prepare(sql).raw();
      this.filteredStatements.set(sql, statement);
    }
    return statement;
  }

  readonly initialCursor = '0';

  readCommitted(cursor: string, limit: number): Promise<CursorBatch> {
    return this.backend.readAfter(cursor, limit);
  }

  async headCursor(): Promise<string> {
    return String(await this.headPosition());
  }

  async cursorAfter(position: number): Promise<string> {
    return String(position);
  }

  async headPosition(): Promise<number> {
    return (this.statements.head.get() as number | undefined) ?? 0;
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
    readAfter: async (cursor, limit, filter): Promise<CursorBatch> => {
      if (!filter?.types?.length && filter?.streamPrefix === undefined) {
        const events = (this.statements.readAfter.all(Number(cursor), limit) as EventRow[]).map(toRecorded);
        return { events, cursor: events.length ? String(events[events.length - 1].position) : cursor };
      }
      // Filtered in SQL, so a subscriber to one kind of event does not decode all the others (the
      // alert evaluator otherwise waded through every StoryDiscovered before reaching a verdict).
      // The read and the head come from one snapshot: a short batch has scanned up to that head.
      return this.filteredRead(Number(cursor), limit, filter);
    },
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

function toRecorded(row: EventRow): RecordedEvent {
  return {
    position: row[0],
    id: row[1],
    streamId: row[2],
    streamVersion: row[3],
    type: row[4],
    data: JSON.parse(row[5]),
    metadata: JSON.parse(row[6]),
    recordedAt: row[7],
  };
}

function isUniqueViolation(error: unknown, column: string): boolean {
  // Duck-typed, not `instanceof Error`: the native addon keeps the SqliteError class of the first
  // realm that loaded it, so under jest's per-file contexts an instanceof test fails at random.
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && String(e.message).includes(column);
}
