import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Pool } from 'pg';
import { PostgresEventStore, SqliteEventStore, type EventStore, type NewEvent } from '@chipwatch/event-store';
import { alternate, higherIsBetter, perSecond, type Bench, type BenchResult } from './bench-kit';

const PAYLOAD = {
  storyId: 'a1b2c3d4e5f6a7b8c9d0e1f2',
  feedId: 'wccftech',
  title: 'US tightens export controls on Nvidia H20 sales to China',
  language: 'en',
};
const APPENDS_OF_1 = 1_000;
const APPENDS_OF_100 = 60;
const READ_TOTAL = 100_000;
const PAGE = 1_000;
const ROUNDS = 5;

const events = (n: number): NewEvent[] => Array.from({ length: n }, () => ({ id: randomUUID(), type: 'StoryDiscovered', data: PAYLOAD }));

/** What every baseline must do to store what our store stores: the same columns and constraints. */
interface BaselineTable {
  insert(streamId: string, fromVersion: number, batch: NewEvent[]): Promise<void>;
  readPage(after: number, limit: number): Promise<{ position: number }[]>;
  close(): Promise<void>;
}

async function measure(adapter: 'sqlite' | 'postgres', store: EventStore, baseline: BaselineTable): Promise<BenchResult[]> {
  let stream = 0;
  const append1 = await alternate(
    ROUNDS,
    async () => {
      const id = `bench-${stream++}`;
      return perSecond(APPENDS_OF_1, async () => {
        for (let i = 0; i < APPENDS_OF_1; i++) await store.append(id, events(1));
      });
    },
    async () => {
      const id = `bench-${stream++}`;
      return perSecond(APPENDS_OF_1, async () => {
        for (let i = 0; i < APPENDS_OF_1; i++) await baseline.insert(id, i, events(1));
      });
    },
  );
  const append100 = await alternate(
    ROUNDS,
    async () => {
      const id = `bench-${stream++}`;
      return perSecond(APPENDS_OF_100 * 100, async () => {
        for (let i = 0; i < APPENDS_OF_100; i++) await store.append(id, events(100));
      });
    },
    async () => {
      const id = `bench-${stream++}`;
      return perSecond(APPENDS_OF_100 * 100, async () => {
        for (let i = 0; i < APPENDS_OF_100; i++) await baseline.insert(id, i * 100, events(100));
      });
    },
  );

  // Fill both to at least READ_TOTAL rows, then read them all in pages.
  const have = await store.headPosition();
  for (let i = have; i < READ_TOTAL; i += 1000) {
    const id = `fill-${stream++}`;
    await store.append(id, events(1000));
    await baseline.insert(id, 0, events(1000));
  }
  const readAll = await alternate(
    ROUNDS,
    () =>
      perSecond(READ_TOTAL, async () => {
        let after = 0;
        for (let read = 0; read < READ_TOTAL;) {
          const page = await store.readAll({ after, limit: PAGE });
          read += page.length;
          after = page[page.length - 1].position;
        }
      }),
    () =>
      perSecond(READ_TOTAL, async () => {
        let after = 0;
        for (let read = 0; read < READ_TOTAL;) {
          const page = await baseline.readPage(after, PAGE);
          read += page.length;
          after = page[page.length - 1].position;
        }
      }),
  );
  const prefix = `eventstore.${adapter}`;
  return [
    higherIsBetter(`${prefix}.append1`, 'events/s', append1, 'baseline: one bare INSERT per append on an equivalent table'),
    higherIsBetter(`${prefix}.append100`, 'events/s', append100, 'baseline: 100 bare INSERTs in one transaction'),
    higherIsBetter(`${prefix}.readAll`, 'events/s', readAll, `baseline: bare SELECT of the same columns in pages of ${PAGE}, JSON decoded`),
  ];
}

export const sqliteEventStoreBench: Bench = {
  name: 'eventstore.sqlite',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'chipwatch-bench-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.migrate();
    const db = new BetterSqlite3(join(dir, 'baseline.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
      stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
      metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream_id, stream_version))`);
    const insert = db.prepare(
      'INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const select = db.prepare(
      'SELECT position, event_id, stream_id, stream_version, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?',
    );
    const insertBatch = db.transaction((streamId: string, from: number, batch: NewEvent[]) => {
      const at = new Date().toISOString();
      batch.forEach((e, i) => insert.run(e.id, streamId, from + i + 1, e.type, JSON.stringify(e.data), '{}', at));
    });
    const baseline: BaselineTable = {
      // better-sqlite3 is synchronous: each call is done when it returns.
      insert: (streamId, from, batch) => {
        insertBatch.immediate(streamId, from, batch);
        return Promise.resolve();
      },
      readPage: (after, limit) =>
        Promise.resolve(
          (select.all(after, limit) as { position: number; data: string; metadata: string }[]).map((r) => ({
            ...r,
            data: JSON.parse(r.data) as unknown,
            metadata: JSON.parse(r.metadata) as unknown,
          })),
        ),
      close: () => {
        db.close();
        return Promise.resolve();
      },
    };
    try {
      return await measure('sqlite', store, baseline);
    } finally {
      await store.close();
      await baseline.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export const postgresEventStoreBench: Bench = {
  name: 'eventstore.postgres',
  async run() {
    const connectionString = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `cw_bench_${process.pid}`;
    const pool = new Pool({ connectionString, max: 2 });
    const store = new PostgresEventStore({ connectionString, schema });
    await store.migrate();
    await pool.query(`CREATE TABLE ${schema}.baseline (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id text NOT NULL UNIQUE, stream_id text NOT NULL, stream_version int NOT NULL, type text NOT NULL,
      data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, stream_version))`);
    const baseline: BaselineTable = {
      async insert(streamId, from, batch) {
        await pool.query({
          name: 'baseline-insert',
          text: `INSERT INTO ${schema}.baseline (event_id, stream_id, stream_version, type, data, metadata)
                 SELECT e.id, $2, $3 + e.n, e.type, e.data, '{}' FROM unnest($1::text[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS e(id, type, data, n)`,
          values: [batch.map((e) => e.id), streamId, from, batch.map((e) => e.type), batch.map((e) => JSON.stringify(e.data))],
        });
      },
      async readPage(after, limit) {
        const { rows } = await pool.query({
          name: 'baseline-read',
          text: `SELECT position, event_id, stream_id, stream_version, type, data, metadata, recorded_at
                 FROM ${schema}.baseline WHERE position > $1 ORDER BY position LIMIT $2`,
          values: [after, limit],
        });
        return rows.map((r: { position: string }) => ({ ...r, position: Number(r.position) }));
      },
      close: () => Promise.resolve(),
    };
    try {
      return await measure('postgres', store, baseline);
    } finally {
      await store.close();
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    }
  },
};
