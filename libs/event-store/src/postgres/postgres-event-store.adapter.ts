import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Pool, type ClientBase, type ClientConfig } from 'pg';
import type { DocumentReader } from '../documents';
import type { SecretStore } from '../secrets';
import { ConcurrencyError, DuplicateEventIdError } from '../errors';
import {
  asRecorded,
  type AppendOptions,
  type AppendResult,
  type Event,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type Recorded,
} from '../event';
import type { EventStore } from '../event-store';
import type { Subscription, SubscriptionOptions } from '../subscription';
import type { CursorBatch } from '../subscription-backend';
import { SubscriptionRunner } from '../subscription-runner';
import { appendInput, appendStatement, idempotentResult, type AppendInput, type StoredId } from './postgres-append';
import { PostgresDocumentReader } from './postgres-documents';
import { PostgresListener } from './postgres-listener';
import { PostgresSecretStore } from './postgres-secrets';
import { migratePostgres, quoteSchema } from './postgres-migrations';
import { EVENT_COLUMNS, PG_TYPES, prefixUpperBound, toNumbers, toRecordedEvent, type EventRow } from './postgres-rows';
import { waitForStoredCheckpoint } from '../subscription-progress';
import { isConnectionLost, retryOnLostConnection } from './postgres-connection-loss';
import { PostgresSubscriptionBackend } from './postgres-subscriptions';

export interface PostgresEventStoreOptions {
  /** e.g. `postgres://user@host:5432/db`. */
  connectionString: string;
  /**
   * Schema holding the store's tables (created by `migrate`). Lower-case letters, digits and `_`.
   * @defaultValue 'chipwatch'
   */
  schema?: string;
  /**
   * Connections in the pool for appends and reads. Each locked subscription and the LISTEN hint
   * use one more dedicated connection.
   * @defaultValue 10
   */
  poolSize?: number;
  /**
   * `idle_in_transaction_session_timeout` of the store's connections: an open transaction holds
   * back every subscriber (they read only below the oldest running transaction), so a stuck one is
   * ended by the server. 0 leaves the server's setting.
   * @defaultValue 60000
   */
  idleInTransactionTimeoutMs?: number;
  /**
   * How long a subscription read waits for older open transactions to finish when newer committed
   * events are held behind them, before handing over a short batch.
   * @defaultValue 1000
   */
  horizonWaitMs?: number;
  /**
   * Errors of background connections (LISTEN, subscription locks, idle pool clients) that have no
   * caller to throw to.
   * @defaultValue emits a process warning
   */
  onError?: (error: unknown) => void;
}

export const POSTGRES_DEFAULT_SCHEMA = 'chipwatch';
const DEFAULT_POOL_SIZE = 10;
const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
const DEFAULT_HORIZON_WAIT_MS = 1_000;
/** Re-runs of a standalone append after losing a stream version race or a deadlock. */
const MAX_APPEND_ATTEMPTS = 10;
const UNIQUE_VIOLATION = '23505';
const DEADLOCK_DETECTED = '40P01';
/** Raised by `refuse_partly_stored_append` (see postgres-migrations.ts). */
const PARTLY_STORED = 'CW001';

type AppendRow = [number, number[] | string | null, unknown];

/**
 * Event store on PostgreSQL 15+ with `pg`.
 *
 * - An append is one statement, one round trip: it reads the stream's version, checks the expected
 *   version, inserts the events from one JSON parameter with `ON CONFLICT (event_id) DO NOTHING`
 *   and calls `pg_notify` (delivered at commit). A second query runs only when nothing was written
 *   (a conflict or an idempotent retry), to tell which. Concurrent writers meet in UNIQUE
 *   (stream_id, stream_version); the loser re-runs the statement once the winner has committed.
 * - Subscribers read in (tx_id, position) order below the oldest running transaction
 *   (see `PostgresSubscriptionBackend`); `readAll` pages by position for people and tools.
 * - One active instance per subscription: a session-level advisory lock on a dedicated connection.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  readonly schema: string;
  readonly documents: DocumentReader;
  readonly secrets: SecretStore;
  /** LISTEN/NOTIFY channel of this schema. */
  readonly channel: string;
  private readonly quoted: string;
  private readonly prefix: string;
  private readonly pool: Pool;
  private readonly clientConfig: ClientConfig;
  private readonly listener: PostgresListener;
  private readonly backend: PostgresSubscriptionBackend;
  private readonly local = new EventEmitter();
  private readonly runners = new Set<SubscriptionRunner>();
  private readonly onError: (error: unknown) => void;
  private readonly sql: ReturnType<typeof statements>;
  private closing: Promise<void> | null = null;

  constructor(options: PostgresEventStoreOptions) {
    this.schema = options.schema ?? POSTGRES_DEFAULT_SCHEMA;
    this.quoted = quoteSchema(this.schema);
    const digest = createHash('sha1').update(this.schema).digest('hex');
    // Prepared statement names are per connection; the schema is in the SQL text, so in the name too.
    this.prefix = `cw_${digest.slice(0, 12)}_`;
    const channel = `chipwatch_events_${this.schema}`;
    this.channel = channel.length <= 63 ? channel : `chipwatch_events_${digest.slice(0, 24)}`;
    this.onError =
      options.onError ??
      ((error) => process.emitWarning(`chipwatch event store (${this.schema}): ${(error as Error)?.message ?? error}`));
    this.clientConfig = {
      connectionString: options.connectionString,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      // UTC makes recorded_at arrive as `...+00`, which PG_TYPES turns into ISO text without a Date.
      options: '-c TimeZone=UTC',
      application_name: `chipwatch:${this.schema}`,
      types: PG_TYPES,
    };
    this.pool = new Pool({ ...this.clientConfig, max: options.poolSize ?? DEFAULT_POOL_SIZE });
    this.pool.on('error', (error) => this.onError(error));
    this.sql = statements(this.quoted, this.channel);
    this.documents = new PostgresDocumentReader(this.pool, this.quoted, this.prefix);
    this.secrets = new PostgresSecretStore(this.pool, this.quoted, this.prefix);
    this.local.setMaxListeners(0);
    this.listener = new PostgresListener(this.clientConfig, this.channel, this.onError);
    this.backend = new PostgresSubscriptionBackend({
      pool: this.pool,
      clientConfig: this.clientConfig,
      schema: this.schema,
      quotedSchema: this.quoted,
      statementPrefix: this.prefix,
      horizonWaitMs: options.horizonWaitMs ?? DEFAULT_HORIZON_WAIT_MS,
      documents: this.documents,
      watch: (listener) => this.watch(listener),
      onError: this.onError,
    });
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await migratePostgres(client, this.schema);
    } finally {
      client.release();
    }
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const input = appendInput(streamId, events, options.expectedVersion);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.runAppend(this.pool, input, false);
        this.local.emit('appended');
        return result;
      } catch (error) {
        if (attempt < MAX_APPEND_ATTEMPTS) {
          // A stored id: a retry (answer with the original positions) or a reuse elsewhere.
          if (isUniqueViolation(error, 'events_event_id_key')) {
            const existing = await this.storedIds(this.pool, input.ids);
            if (existing.length > 0) return idempotentResult(input, existing, await this.streamVersion(streamId));
            continue; // the conflicting writer rolled back
          }
          // The other writer has committed by the time (stream_id, stream_version) fires: re-running
          // the statement sees its rows ('any' appends after them, an exact expected version
          // becomes a ConcurrencyError with the actual version).
          if (isUniqueViolation(error, 'events_stream_version_key') || isDeadlock(error)) continue;
          // The connection died (a restarted server, a terminated backend) with the outcome unknown:
          // re-running is safe because event ids are idempotency keys; a committed first try comes
          // back as the original positions.
          if (isConnectionLost(error)) {
            await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
            continue;
          }
        }
        throw await this.translateError(error, input);
      }
    }
  }

  /**
   * Appends inside a transaction the caller holds on `client` (BEGIN/COMMIT are the caller's):
   * the events become visible, and subscribers are notified, when the caller commits. An
   * idempotent retry leaves the transaction usable; a lost race on a stream version or a reused
   * event id aborts it (ConcurrencyError, DuplicateEventIdError).
   */
  async appendWithClient(
    client: ClientBase,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const input = appendInput(streamId, events, options.expectedVersion);
    try {
      return await this.runAppend(client, input, true);
    } catch (error) {
      throw await this.translateError(error, input);
    }
  }

  async readStream<E extends Event = Event>(streamId: string, options: ReadStreamOptions = {}): Promise<Recorded<E>[]> {
    const { rows } = await retryOnLostConnection(() =>
      this.pool.query<EventRow>({
        name: `${this.prefix}read_stream`,
        text: this.sql.readStream,
        values: [streamId, options.afterVersion ?? 0],
        rowMode: 'array',
      }),
    );
    return asRecorded<E>(rows.map(toRecordedEvent));
  }

  async readAll<E extends Event = Event>(options: ReadAllOptions<E['type']> = {}): Promise<Recorded<E>[]> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`readAll: invalid limit ${limit}`);
    const values: unknown[] = [options.after ?? 0, limit];
    const where = ['position > $1'];
    let variant = '';
    if (options.types?.length) {
      values.push(options.types);
      where.push(`type = ANY($${values.length}::text[])`);
      variant += 't';
    }
    if (options.streamId !== undefined) {
      values.push(options.streamId);
      where.push(`stream_id = $${values.length}::text`);
      variant += 's';
    }
    if (options.streamPrefix) {
      // An index range in the "C" collation: no LIKE wildcards to escape, and it uses the stream index.
      const upper = prefixUpperBound(options.streamPrefix);
      values.push(options.streamPrefix);
      where.push(`stream_id >= $${values.length}::text`);
      if (upper === null) {
        where.push(`starts_with(stream_id, $${values.length}::text)`);
      } else {
        values.push(upper);
        where.push(`stream_id < $${values.length}::text`);
      }
      variant += upper === null ? 'q' : 'p';
    }
    const { rows } = await retryOnLostConnection(() =>
      this.pool.query<EventRow>({
        name: `${this.prefix}read_all_${variant}`,
        text: `SELECT ${EVENT_COLUMNS} FROM ${this.quoted}.events WHERE ${where.join(' AND ')} ORDER BY position LIMIT $2`,
        values,
        rowMode: 'array',
      }),
    );
    return asRecorded<E>(rows.map(toRecordedEvent));
  }

  /** `"<tx_id>:<position>"` of the last event handed over; before the first event, `"0:0"`. */
  readonly initialCursor = '0:0';

  /**
   * Committed events after `cursor` in (tx_id, position) order, below the oldest running
   * transaction; see `PostgresSubscriptionBackend.readAfter`.
   */
  async readCommitted(cursor: string, limit: number): Promise<CursorBatch> {
    // Live readers keep polling either way: whether the batch is complete is the runner's concern.
    const { events, cursor: next } = await this.backend.readAfter(cursor, limit);
    return { events, cursor: next };
  }

  async cursorAfter(position: number): Promise<string> {
    if (!Number.isInteger(position) || position < 0) throw new RangeError(`cursorAfter: invalid position ${position}`);
    if (position === 0) return this.initialCursor;
    // The event's own transaction id; for a position that holds no event, the nearest one before it.
    const { rows } = await this.pool.query<[string, number]>({
      name: `${this.prefix}cursor_after`,
      text: this.sql.cursorAfter,
      values: [position],
      rowMode: 'array',
    });
    return rows.length === 0 ? this.initialCursor : `${rows[0][0]}:${rows[0][1]}`;
  }

  headCursor(): Promise<string> {
    return this.backend.headCursor();
  }

  async headPosition(): Promise<number> {
    const { rows } = await retryOnLostConnection(() =>
      this.pool.query<[number]>({
        name: `${this.prefix}head`,
        text: this.sql.head,
        rowMode: 'array',
      }),
    );
    return rows[0][0];
  }

  subscriptionCaughtUp(name: string, timeoutMs?: number): Promise<void> {
    return waitForStoredCheckpoint(this.backend, name, timeoutMs);
  }

  subscribe<E extends Event = Event>(options: SubscriptionOptions<E>): Subscription {
    if (this.closing) throw new Error('the event store is closed');
    const runner = new SubscriptionRunner(this.backend, options);
    this.runners.add(runner);
    return runner;
  }

  /** Hints from this process's appends at once, and from every process through LISTEN/NOTIFY. */
  watch(listener: () => void): () => void {
    const unlisten = this.listener.add(listener);
    this.local.on('appended', listener);
    return () => {
      unlisten();
      this.local.off('appended', listener);
    };
  }

  /** Resolves once the LISTEN connection is up (cross-process hints from here on are not missed). */
  async listening(): Promise<void> {
    await this.listener.ready();
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /**
   * Age of the oldest transaction that holds an xid in the whole server (0 when none): subscribers
   * cannot pass it, so this is the figure to alert on. Needs `pg_read_all_stats` to see other roles.
   */
  async oldestTransactionAgeMs(): Promise<number> {
    const { rows } = await this.pool.query<[number | null]>({
      text: `SELECT (extract(epoch FROM clock_timestamp() - min(xact_start)) * 1000)::float8
               FROM pg_stat_activity WHERE backend_xid IS NOT NULL`,
      rowMode: 'array',
    });
    return rows[0][0] ?? 0;
  }

  async close(): Promise<void> {
    this.closing ??= (async () => {
      this.backend.beginClose();
      await Promise.all([...this.runners].map((runner) => runner.stop()));
      this.runners.clear();
      this.local.removeAllListeners();
      await Promise.all([this.backend.close(), this.listener.close()]);
      await this.pool.end();
    })();
    return this.closing;
  }

  private async runAppend(db: Pool | ClientBase, input: AppendInput, inTransaction: boolean): Promise<AppendResult> {
    const { rows } = await db.query<AppendRow>({
      name: `${this.prefix}${inTransaction ? 'append_tx' : 'append'}`,
      text: inTransaction ? this.sql.appendInTransaction : this.sql.append,
      values: inTransaction
        ? [input.streamId, input.json, input.low, input.high, input.ids.length]
        : [input.streamId, input.json, input.low, input.high],
      rowMode: 'array',
    });
    const [version, positions] = rows[0];
    if (positions !== null) {
      return { positions: toNumbers(positions), streamVersion: Number(version) + input.ids.length, duplicate: false };
    }
    // Nothing written: the version check failed, or (in a transaction) every id is stored. A
    // retry of a stored append wins over the version check, as the first attempt moved the stream.
    const existing = await this.storedIds(db, input.ids);
    if (existing.length === 0) throw new ConcurrencyError(input.streamId, input.expected, Number(version));
    return idempotentResult(input, existing, Number(version));
  }

  private async storedIds(db: Pool | ClientBase, ids: readonly string[]): Promise<StoredId[]> {
    const { rows } = await db.query<StoredId>({
      // Unnamed, so planned for the table as it is now (only on retries and conflicts).
      text: this.sql.storedIds,
      values: [ids],
      rowMode: 'array',
    });
    return rows;
  }

  private async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<[number]>({ text: this.sql.streamVersion, values: [streamId], rowMode: 'array' });
    return rows[0][0];
  }

  /** Maps an error of the append statement to the typed error. */
  private async translateError(error: unknown, input: AppendInput): Promise<unknown> {
    const code = (error as { code?: string }).code;
    const constraint = (error as { constraint?: string }).constraint;
    if (code === PARTLY_STORED) {
      const existing = await this.storedIds(this.pool, input.ids).catch(() => []);
      const foreign = existing.find(([, stream]) => stream !== input.streamId) ?? existing[0];
      return new DuplicateEventIdError(foreign?.[0] ?? input.ids[0], input.streamId);
    }
    if (code === UNIQUE_VIOLATION && constraint === 'events_event_id_key') {
      return new DuplicateEventIdError(input.ids[0], input.streamId);
    }
    if (code === UNIQUE_VIOLATION && constraint === 'events_stream_version_key') {
      // Only reached inside a caller's transaction (or after many lost races): read what won.
      const actual = await this.streamVersion(input.streamId).catch(() => Number.NaN);
      return new ConcurrencyError(input.streamId, input.expected, actual);
    }
    return error;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === UNIQUE_VIOLATION && e.constraint === constraint;
}

function isDeadlock(error: unknown): boolean {
  return (error as { code?: string }).code === DEADLOCK_DETECTED;
}

function statements(s: string, channel: string) {
  return {
    /**
     * $1 stream, $2 JSON array of {n, id, type, data, metadata}, $3..$4 the allowed current
     * versions ($5, in a transaction: the number of events). Returns the version before the append and the new
     * positions in the order given, or null positions when the version check failed. A stored
     * event id fails the statement on its unique index (nothing written); the caller then looks
     * the ids up, which the common path never plans or runs. `pg_notify` is delivered at commit.
     */
    append: appendStatement(s, channel, ''),
    /**
     * The same inside a caller's transaction, where an error would abort the caller's work: stored
     * ids are skipped (ON CONFLICT), so a retry writes nothing and leaves the transaction usable;
     * when only some ids are stored the statement raises PARTLY_STORED (a hole in the versions
     * otherwise). Standalone appends avoid ON CONFLICT: speculative insertion is measurably slower.
     */
    appendInTransaction: appendStatement(s, channel, 'ON CONFLICT (event_id) DO NOTHING'),
    storedIds: `SELECT event_id, stream_id, position FROM ${s}.events WHERE event_id = ANY($1::text[])`,
    readStream: `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE stream_id = $1::text AND stream_version > $2::integer
                  ORDER BY stream_version`,
    streamVersion: `SELECT coalesce(max(stream_version), 0) FROM ${s}.events WHERE stream_id = $1::text`,
    head: `SELECT coalesce(max(position), 0) FROM ${s}.events`,
    cursorAfter: `SELECT tx_id::text, position FROM ${s}.events WHERE position <= $1::bigint ORDER BY position DESC LIMIT 1`,
  };
}
