import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Pool, type ClientBase, type ClientConfig } from 'pg';
import type { DocumentReader } from '../documents';
import type { SecretStore } from '../secrets';
import type { AppendOptions, AppendResult, Event, NewEvent, ReadAllOptions, ReadStreamOptions, Recorded } from '../event';
import type { EventStore } from '../event-store';
import type { Subscription, SubscriptionOptions } from '../subscription';
import type { CursorBatch } from '../subscription-backend';
import { waitForStoredCheckpoint } from '../subscription-progress';
import { SubscriptionRunner } from '../subscription-runner';
import { PostgresDocumentReader } from './postgres-documents';
import { PostgresEventLog } from './postgres-event-log';
import { PostgresListener } from './postgres-listener';
import { migratePostgres, quoteSchema } from './postgres-migrations';
import { PG_TYPES } from './postgres-rows';
import { PostgresSecretStore } from './postgres-secrets';
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

/**
 * Event store on PostgreSQL 15+ with `pg`, composed of one part per concern:
 * - the log (`PostgresEventLog`): appends in one statement each, reads by position, and the
 *   gap-free tail in (tx_id, position) order below the oldest running transaction;
 * - subscriptions (`PostgresSubscriptionBackend`): one active instance per subscription through a
 *   session-level advisory lock on a dedicated connection, checkpoints committed with documents;
 * - documents and secrets, each in its own table.
 * This class owns the pool, the LISTEN connection and the in-process hints, health and lifecycle.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  readonly schema: string;
  readonly documents: DocumentReader;
  readonly secrets: SecretStore;
  /** LISTEN/NOTIFY channel of this schema. */
  readonly channel: string;
  /** `"<tx_id>:<position>"` of the last event handed over; before the first event, `"0:0"`. */
  readonly initialCursor = '0:0';
  private readonly pool: Pool;
  private readonly clientConfig: ClientConfig;
  private readonly log: PostgresEventLog;
  private readonly listener: PostgresListener;
  private readonly backend: PostgresSubscriptionBackend;
  private readonly local = new EventEmitter();
  private readonly runners = new Set<SubscriptionRunner>();
  private readonly onError: (error: unknown) => void;
  private closing: Promise<void> | null = null;

  constructor(options: PostgresEventStoreOptions) {
    this.schema = options.schema ?? POSTGRES_DEFAULT_SCHEMA;
    const quoted = quoteSchema(this.schema);
    const digest = createHash('sha1').update(this.schema).digest('hex');
    // Prepared statement names are per connection; the schema is in the SQL text, so in the name too.
    const prefix = `cw_${digest.slice(0, 12)}_`;
    const channel = `chipwatch_events_${this.schema}`;
    this.channel = channel.length <= 63 ? channel : `chipwatch_events_${digest.slice(0, 24)}`;
    this.onError =
      options.onError ?? ((error) => process.emitWarning(`chipwatch event store (${this.schema}): ${(error as Error)?.message ?? error}`));
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
    this.log = new PostgresEventLog({
      pool: this.pool,
      quotedSchema: quoted,
      statementPrefix: prefix,
      channel: this.channel,
      horizonWaitMs: options.horizonWaitMs ?? DEFAULT_HORIZON_WAIT_MS,
      appended: () => this.local.emit('appended'),
    });
    this.documents = new PostgresDocumentReader(this.pool, quoted, prefix);
    this.secrets = new PostgresSecretStore(this.pool, quoted, prefix);
    this.local.setMaxListeners(0);
    this.listener = new PostgresListener(this.clientConfig, this.channel, this.onError);
    this.backend = new PostgresSubscriptionBackend({
      pool: this.pool,
      clientConfig: this.clientConfig,
      schema: this.schema,
      quotedSchema: quoted,
      statementPrefix: prefix,
      log: this.log,
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

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    return this.log.append(streamId, events, options);
  }

  /**
   * Appends inside a transaction the caller holds on `client` (BEGIN/COMMIT are the caller's):
   * the events become visible, and subscribers are notified, when the caller commits. An
   * idempotent retry leaves the transaction usable; a lost race on a stream version or a reused
   * event id aborts it (ConcurrencyError, DuplicateEventIdError).
   */
  appendWithClient(client: ClientBase, streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    return this.log.appendWithClient(client, streamId, events, options);
  }

  readStream<E extends Event = Event>(streamId: string, options: ReadStreamOptions = {}): Promise<Recorded<E>[]> {
    return this.log.readStream<E>(streamId, options);
  }

  readAll<E extends Event = Event>(options: ReadAllOptions<E['type']> = {}): Promise<Recorded<E>[]> {
    return this.log.readAll<E>(options);
  }

  /**
   * Committed events after `cursor` in (tx_id, position) order, below the oldest running
   * transaction; see `PostgresEventLog.readAfter`.
   */
  readCommitted(cursor: string, limit: number): Promise<CursorBatch> {
    return this.log.readCommitted(cursor, limit);
  }

  cursorAfter(position: number): Promise<string> {
    return this.log.cursorAfter(position);
  }

  headCursor(): Promise<string> {
    return this.log.headCursor();
  }

  headPosition(): Promise<number> {
    return this.log.headPosition();
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
      this.log.beginClose();
      this.backend.beginClose();
      await Promise.all([...this.runners].map((runner) => runner.stop()));
      this.runners.clear();
      this.local.removeAllListeners();
      await Promise.all([this.backend.close(), this.listener.close()]);
      await this.pool.end();
    })();
    return this.closing;
  }
}
