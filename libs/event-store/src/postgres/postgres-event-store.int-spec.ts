import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ConcurrencyError, DuplicateEventIdError } from '../errors';
import type { NewEvent } from '../event';
import type { ConcurrentWriter, ConformanceHarness } from '../testing/conformance-harness';
import { runEventStoreConformance } from '../testing/event-store.conformance';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.adapter';
import { migratePostgres, POSTGRES_SCHEMA_VERSION, quoteSchema } from './postgres-migrations';
import { prefixUpperBound, timestamptzToIso } from './postgres-rows';

const CONNECTION_STRING = process.env.CHIPWATCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const ALL_VERSIONS = Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1);
const uniqueSchema = () => `cw_test_${randomBytes(6).toString('hex')}`;
const event = (type: string, data: Record<string, unknown> = {}, id?: string): NewEvent => ({ id, type, data });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: CONNECTION_STRING });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const dropSchema = (schema: string) => withClient((c) => c.query(`DROP SCHEMA IF EXISTS ${quoteSchema(schema)} CASCADE`));

/** Isolated schema per `create`; writers hold real transactions open on their own connections. */
export function postgresHarness(options: Partial<PostgresEventStoreOptions> = {}): ConformanceHarness {
  let schema = '';
  let current: PostgresEventStore | null = null;
  const stores = new Set<PostgresEventStore>();
  const writers = new Set<ConcurrentWriter>();
  const open = async (): Promise<PostgresEventStore> => {
    const store = new PostgresEventStore({ connectionString: CONNECTION_STRING, schema, poolSize: 4, ...options });
    stores.add(store);
    await store.migrate();
    current = store;
    return store;
  };
  return {
    adapter: 'postgres',
    async create() {
      schema = uniqueSchema();
      return open();
    },
    reopen: open,
    async writer() {
      const store = current!;
      const client = new Client({ connectionString: CONNECTION_STRING });
      client.on('error', () => undefined);
      await client.connect();
      const writer: ConcurrentWriter = {
        async transaction(work, rollback) {
          await client.query('BEGIN');
          try {
            await work(async (streamId, events) => void (await store.appendWithClient(client, streamId, events)));
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
          await client.query(rollback ? 'ROLLBACK' : 'COMMIT');
        },
        async close() {
          writers.delete(writer);
          await client.end();
        },
      };
      writers.add(writer);
      return writer;
    },
    async destroy() {
      await Promise.all([...writers].map((writer) => writer.close()));
      await Promise.all([...stores].map((store) => store.close()));
      stores.clear();
      current = null;
      if (schema) await dropSchema(schema);
    },
  };
}

runEventStoreConformance(postgresHarness());

describe('PostgresEventStore specifics', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  const track = <T extends { close(): Promise<void> }>(closable: T): T => {
    cleanups.push(() => closable.close());
    return closable;
  };
  const newStore = (schema: string, options: Partial<PostgresEventStoreOptions> = {}) =>
    track(new PostgresEventStore({ connectionString: CONNECTION_STRING, schema, poolSize: 4, ...options }));
  let schema: string;

  beforeEach(() => {
    schema = uniqueSchema();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await dropSchema(schema);
  });

  describe('migrations', () => {
    it('creates the schema on an empty database and is a no-op on an existing one', async () => {
      const store = newStore(schema);
      await store.migrate();
      await store.append('s', [event('A')]);
      await store.migrate();
      const again = newStore(schema);
      await again.migrate();
      expect(await again.readStream('s')).toHaveLength(1);
      const versions = await withClient((c) =>
        c.query<{ version: number }>(`SELECT version FROM ${quoteSchema(schema)}.schema_migrations ORDER BY version`),
      );
      expect(versions.rows.map((row) => row.version)).toEqual(ALL_VERSIONS);
    });

    it('applies each migration once when processes start at the same time', async () => {
      const applied = await Promise.all(Array.from({ length: 4 }, () => withClient((client) => migratePostgres(client, schema))));
      expect(applied.flat().sort((a, b) => a - b)).toEqual(ALL_VERSIONS);
      expect(applied.filter((versions) => versions.length > 0)).toHaveLength(1);
      const stores = [newStore(schema), newStore(schema)];
      await Promise.all(stores.map((store) => store.migrate()));
      await stores[0].append('s', [event('A')]);
      expect(await stores[1].headPosition()).toBeGreaterThan(0);
    });

    it('upgrades a database created by an older version', async () => {
      await withClient((client) => migratePostgres(client, schema, 1));
      const store = newStore(schema);
      await expect(store.secrets.get('k')).rejects.toThrow(/secrets/);
      await store.append('s', [event('A')]);
      await store.migrate();
      await store.secrets.put('k', 'v');
      expect(await store.secrets.get('k')).toBe('v');
      expect(await store.readStream('s')).toHaveLength(1);
    });

    it('refuses a schema name that is not a plain identifier', () => {
      expect(() => new PostgresEventStore({ connectionString: CONNECTION_STRING, schema: 'x"; DROP TABLE y; --' })).toThrow(
        /invalid PostgreSQL schema name/,
      );
      expect(() => quoteSchema('Upper')).toThrow();
      expect(quoteSchema('cw_1')).toBe('"cw_1"');
    });
  });

  describe('append', () => {
    let store: PostgresEventStore;
    beforeEach(async () => {
      store = newStore(schema);
      await store.migrate();
    });

    it('answers an idempotent retry racing the original with the original positions', async () => {
      const batch = [event('A', {}, 'race-1'), event('B', {}, 'race-2')];
      const results = await Promise.all(Array.from({ length: 4 }, () => store.append('idem', batch)));
      for (const result of results) expect(result.positions).toEqual(results[0].positions);
      expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
      expect(await store.readStream('idem')).toHaveLength(2);
    });

    it('answers a retry inside a caller transaction without aborting it', async () => {
      const first = await store.append('retry', [event('A', {}, 'r-1')]);
      await withClient(async (client) => {
        await client.query('BEGIN');
        const retry = await store.appendWithClient(client, 'retry', [event('A', {}, 'r-1')], { expectedVersion: 0 });
        expect(retry).toEqual({ positions: first.positions, streamVersion: 1, duplicate: true });
        await store.appendWithClient(client, 'retry', [event('B', {}, 'r-2')], { expectedVersion: 1 });
        await client.query('COMMIT');
      });
      expect((await store.readStream('retry')).map((e) => e.id)).toEqual(['r-1', 'r-2']);
    });

    it('refuses a partly stored append inside a caller transaction and writes none of it', async () => {
      await store.append('part', [event('A', {}, 'p-1')]);
      await withClient(async (client) => {
        await client.query('BEGIN');
        const partly = store.appendWithClient(client, 'part', [event('A', {}, 'p-1'), event('B', {}, 'p-2')]);
        await expect(partly).rejects.toBeInstanceOf(DuplicateEventIdError);
        await client.query('ROLLBACK');
      });
      expect((await store.readStream('part')).map((e) => e.id)).toEqual(['p-1']);
    });

    it('keeps every append with expectedVersion any when writers race on one stream', async () => {
      await Promise.all(Array.from({ length: 12 }, (_, i) => store.append('busy', [event('E', { i })])));
      const stream = await store.readStream('busy');
      expect(stream.map((e) => e.streamVersion)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    });

    it('refuses ids repeated within one append and a partial retry', async () => {
      await expect(store.append('dup', [event('A', {}, 'x'), event('B', {}, 'x')])).rejects.toBeInstanceOf(DuplicateEventIdError);
      await store.append('dup', [event('A', {}, 'y')]);
      await expect(store.append('dup', [event('A', {}, 'y'), event('B', {}, 'z')])).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream('dup')).toHaveLength(1);
    });

    it('reports the actual version when a caller transaction loses a race', async () => {
      await store.append('tx', [event('A')]);
      await withClient(async (client) => {
        await client.query('BEGIN');
        await store.appendWithClient(client, 'tx', [event('B')], { expectedVersion: 1 });
        const racing = store.append('tx', [event('C')], { expectedVersion: 1 });
        await sleep(50);
        await client.query('COMMIT');
        await expect(racing).rejects.toMatchObject({ actual: 2 });
        await expect(racing).rejects.toBeInstanceOf(ConcurrencyError);
      });
      await withClient(async (client) => {
        await client.query('BEGIN');
        const other = await withClient(async (second) => {
          await second.query('BEGIN');
          await store.appendWithClient(second, 'tx', [event('D')], { expectedVersion: 2 });
          const losing = store.appendWithClient(client, 'tx', [event('E')], { expectedVersion: 2 });
          await sleep(50);
          await second.query('COMMIT');
          return losing.then(
            () => null,
            (error: unknown) => error,
          );
        });
        await client.query('ROLLBACK');
        expect(other).toBeInstanceOf(ConcurrencyError);
        expect(other).toMatchObject({ actual: 3 });
      });
    });

    it('returns recordedAt as ISO 8601 UTC and positions as numbers', async () => {
      const { positions } = await store.append('iso', [event('A')]);
      expect(typeof positions[0]).toBe('number');
      const [stored] = await store.readStream('iso');
      expect(stored.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Math.abs(Date.parse(stored.recordedAt) - Date.now())).toBeLessThan(60_000);
      expect(typeof stored.position).toBe('number');
    });
  });

  describe('lost connections', () => {
    /**
     * Holds `table` locked so that `read` waits on the server, terminates the backend running it
     * (as an administrator or a failover would), then lets go: the read must answer, not fail.
     */
    async function readThroughTermination<T>(table: string, read: () => Promise<T>): Promise<T> {
      const blocker = new Client({ connectionString: CONNECTION_STRING });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query(`LOCK TABLE ${quoteSchema(schema)}.${table} IN ACCESS EXCLUSIVE MODE`);
        const answer = read();
        let terminated = 0;
        await eventually(
          async () => {
            const { rows } = await blocker.query(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE application_name = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
              [`chipwatch:${schema}`],
            );
            terminated += rows.length;
            return terminated > 0;
          },
          10_000,
          'the read to wait on the lock',
        );
        await blocker.query('ROLLBACK');
        return await answer;
      } finally {
        await blocker.end();
      }
    }

    it('answers a read whose connection is terminated under it, on a fresh connection', async () => {
      const store = newStore(schema);
      await store.migrate();
      await store.append('s-1', [event('A'), event('B')]);
      expect((await readThroughTermination('events', () => store.readAll())).map((e) => e.type)).toEqual(['A', 'B']);
      expect((await readThroughTermination('events', () => store.readStream('s-1'))).map((e) => e.type)).toEqual(['A', 'B']);
      expect(await readThroughTermination('documents', () => store.documents.list('nothing'))).toEqual([]);
    });
  });

  describe('tailing cursor', () => {
    it('orders transaction ids as numbers, not text (9999 before 10000)', async () => {
      const store = newStore(schema);
      await store.migrate();
      // Two old transaction ids across a power of ten (999/1000, 9999/10000…) below the cluster's
      // horizon, which is low on a fresh cluster: committed as far as readers can tell.
      const horizon = await withClient(async (c) =>
        Number((await c.query<{ x: string }>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`)).rows[0].x),
      );
      const later = 10 ** Math.floor(Math.log10(horizon - 1));
      expect(later).toBeGreaterThanOrEqual(10);
      await withClient((c) =>
        c.query(
          `INSERT INTO ${quoteSchema(schema)}.events (tx_id, event_id, stream_id, stream_version, type, data)
           VALUES ($1, 'b', 's', 2, 'T', '{}'), ($2, 'a', 's', 1, 'T', '{}')`,
          [String(later), String(later - 1)],
        ),
      );
      const first = await store.readCommitted(store.initialCursor, 1);
      expect(first.events.map((e) => e.id)).toEqual(['a']);
      expect(first.cursor).toBe(`${later - 1}:${first.events[0].position}`);
      const second = await store.readCommitted(first.cursor, 10);
      expect(second.events.map((e) => e.id)).toEqual(['b']);
      expect(await store.cursorAfter(second.events[0].position)).toBe(second.cursor);
    });

    it('never skips an event of a transaction that commits after a later position', async () => {
      const store = newStore(schema);
      await store.migrate();
      const seen: string[] = [];
      const sub = store.subscribe({
        name: 'tail',
        pollIntervalMs: 10,
        handle: async (events) => void seen.push(...events.map((e) => e.id)),
      });
      await withClient(async (slow) => {
        await slow.query('BEGIN');
        await store.appendWithClient(slow, 'slow', [event('Slow', {}, 'slow-1')]); // takes the lower position
        const fast = await store.append('fast', [event('Fast', {}, 'fast-1')]);
        await eventually(async () => (await store.readAll()).some((e) => e.id === 'fast-1'));
        await sleep(100); // the tailer runs many reads while the slow transaction is open
        expect(seen).not.toContain('fast-1'); // held behind the open transaction, not skipped
        await slow.query('COMMIT');
        expect(fast.positions[0]).toBeGreaterThan(0);
      });
      await eventually(() => seen.length === 2, 10_000, 'both events');
      await sub.caughtUp();
      expect(seen).toEqual(['slow-1', 'fast-1']);
    });

    it('does not call a subscription caught up while committed events wait behind an open transaction', async () => {
      const store = newStore(schema, { horizonWaitMs: 50 });
      await store.migrate();
      const seen: string[] = [];
      const sub = store.subscribe({
        name: 'held',
        pollIntervalMs: 20,
        handle: async (events) => void seen.push(...events.map((e) => e.id)),
      });
      await sub.caughtUp();
      await withClient(async (other) => {
        // Anyone's open transaction with an id holds the horizon (another test, another app).
        await other.query('BEGIN');
        await other.query('SELECT pg_current_xact_id()');
        await store.append('s', [event('E', {}, 'held-1')]);
        let settled = false;
        const caughtUp = sub.caughtUp(10_000).then(() => (settled = true));
        await sleep(500); // many short reads, each past its horizon wait
        expect(settled).toBe(false);
        await other.query('COMMIT');
        await caughtUp;
      });
      expect(seen).toEqual(['held-1']);
    });

    it('holds back a tailer until an idle transaction is ended by idle_in_transaction_session_timeout', async () => {
      const store = newStore(schema, { idleInTransactionTimeoutMs: 300 });
      await store.migrate();
      const appender = newStore(schema);
      await withClient(async (client) => {
        const { rows } = await client.query<{ idle_in_transaction_session_timeout: string }>('SHOW idle_in_transaction_session_timeout');
        expect(rows[0].idle_in_transaction_session_timeout).not.toBe('300ms');
      });
      // A pooled connection of the store has the setting.
      const pool = (store as unknown as { pool: import('pg').Pool }).pool;
      const stuck = await pool.connect();
      stuck.on('error', () => undefined);
      const { rows } = await stuck.query<{ idle_in_transaction_session_timeout: string }>('SHOW idle_in_transaction_session_timeout');
      expect(rows[0].idle_in_transaction_session_timeout).toBe('300ms');
      await stuck.query('BEGIN');
      await store.appendWithClient(stuck, 'stuck', [event('Stuck')]);
      await appender.append('later', [event('Later', {}, 'later-1')]);
      const seen: string[] = [];
      const sub = store.subscribe({ name: 'held', pollIntervalMs: 20, handle: async (e) => void seen.push(...e.map((x) => x.id)) });
      await eventually(() => seen.includes('later-1'), 10_000, 'the tailer to pass the stuck transaction');
      await expect(stuck.query('SELECT 1')).rejects.toThrow();
      stuck.release(true);
      await sub.stop();
      expect((await store.readStream('stuck')).length).toBe(0);
    });
  });

  describe('single active subscriber', () => {
    it('lets one of two stores hold the lock and fails over when the holder closes', async () => {
      const a = newStore(schema);
      await a.migrate();
      const b = newStore(schema);
      const seen: string[] = [];
      const subA = a.subscribe({
        name: 'one',
        pollIntervalMs: 20,
        handle: async (e) => void seen.push(...e.map((x) => `a:${String(x.data.n)}`)),
      });
      await subA.caughtUp();
      const subB = b.subscribe({
        name: 'one',
        pollIntervalMs: 20,
        handle: async (e) => void seen.push(...e.map((x) => `b:${String(x.data.n)}`)),
      });
      await a.append('s', [event('E', { n: 1 })]);
      await subA.caughtUp();
      await sleep(300);
      expect(subA.status().active).toBe(true);
      expect(subB.status().active).toBe(false);
      await a.close();
      await b.append('s', [event('E', { n: 2 })]);
      await eventually(() => subB.status().active && seen.includes('b:2'), 15_000, 'failover');
      expect(seen).toEqual(['a:1', 'b:2']);
    });

    it('reports a lost lock when its connection is terminated, then takes it again', async () => {
      const store = newStore(schema);
      await store.migrate();
      const seen: number[] = [];
      const errors: unknown[] = [];
      const sub = store.subscribe({
        name: 'victim',
        pollIntervalMs: 20,
        onError: (error) => errors.push(error),
        handle: async (e) => void seen.push(...e.map((x) => x.data.n as number)),
      });
      await sub.caughtUp();
      const killed = await withClient(async (c) => {
        const { rows } = await c.query(
          `SELECT pg_terminate_backend(pid) AS ok FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND pid IN (SELECT pid FROM pg_stat_activity WHERE application_name = 'chipwatch:' || $2)
              AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
          [`chipwatch:subscription:${schema}:victim`, schema],
        );
        return rows.length;
      });
      expect(killed).toBe(1);
      await eventually(() => !sub.status().active, 10_000, 'the loss to be reported');
      await store.append('s', [event('E', { n: 1 })]);
      await eventually(() => sub.status().active && seen.includes(1), 15_000, 'the lock to be taken again');
    });
  });

  describe('NOTIFY', () => {
    it('wakes a subscriber in another process long before its poll interval', async () => {
      const reader = newStore(schema);
      await reader.migrate();
      const writer = newStore(schema);
      const seen: string[] = [];
      const sub = reader.subscribe({ name: 'woken', pollIntervalMs: 60_000, handle: async (e) => void seen.push(...e.map((x) => x.id)) });
      await sub.caughtUp();
      await reader.listening();
      let hints = 0;
      const unwatch = reader.watch(() => hints++);
      const started = Date.now();
      await writer.append('s', [event('E', {}, 'woke-1')]);
      await eventually(() => seen.includes('woke-1'), 5_000, 'the NOTIFY wake-up');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(hints).toBeGreaterThan(0);
      unwatch();
    });

    it('reconnects the LISTEN connection after it drops', async () => {
      const reader = newStore(schema, { onError: () => undefined });
      await reader.migrate();
      const writer = newStore(schema);
      let hints = 0;
      reader.watch(() => hints++);
      await reader.listening();
      await withClient((c) =>
        c.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE query = $1 AND application_name = $2`,
          [`LISTEN "${reader.channel}"`, `chipwatch:${schema}`],
        ),
      );
      await eventually(() => hints > 0, 10_000, 'the reconnect hint');
      hints = 0;
      await writer.append('s', [event('E')]);
      await eventually(() => hints > 0, 10_000, 'a hint after reconnecting');
    });
  });

  describe('helpers', () => {
    it('formats timestamps and prefix bounds', () => {
      expect(timestamptzToIso('2024-05-01 10:11:12.345678+00')).toBe('2024-05-01T10:11:12.345Z');
      expect(timestamptzToIso('2024-05-01 10:11:12.3+00')).toBe('2024-05-01T10:11:12.300Z');
      expect(timestamptzToIso('2024-05-01 10:11:12+00')).toBe('2024-05-01T10:11:12.000Z');
      expect(timestamptzToIso('2024-05-01 12:11:12.5+02')).toBe('2024-05-01T10:11:12.500Z');
      expect(prefixUpperBound('story-')).toBe('story.');
      expect(prefixUpperBound('')).toBeNull();
      expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    });
  });
});
