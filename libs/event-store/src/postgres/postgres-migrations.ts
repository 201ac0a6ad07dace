import type { ClientBase } from 'pg';

/** Lower-case identifiers only, so the name needs no case folding rules and fits PostgreSQL's 63 bytes. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Throws unless `schema` is a plain lower-case SQL identifier; returns it double-quoted. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(schema)}: expected ${SCHEMA_NAME}`);
  }
  return `"${schema}"`;
}

interface Migration {
  version: number;
  name: string;
  sql(schema: string): string;
}

/**
 * Ordered and append-only: never edit a shipped migration, add the next one.
 * - `tx_id` (the writing transaction's xid8) with the (tx_id, position) index is what lets a
 *   subscriber tail without skipping events of transactions that commit out of position order.
 * - `stream_id` and document keys use the "C" collation: code-point order (as JavaScript sorts) and
 *   prefix ranges served by the btree indexes.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, subscriptions, documents',
    sql: (s) => `
      CREATE TABLE ${s}.events (
        position       bigint GENERATED ALWAYS AS IDENTITY,
        tx_id          xid8        NOT NULL DEFAULT pg_current_xact_id(),
        event_id       text        NOT NULL,
        stream_id      text COLLATE "C" NOT NULL,
        stream_version integer     NOT NULL,
        type           text        NOT NULL,
        data           jsonb       NOT NULL,
        metadata       jsonb       NOT NULL DEFAULT '{}',
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_pkey PRIMARY KEY (position),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
        CONSTRAINT events_stream_version_check CHECK (stream_version > 0)
      );
      CREATE INDEX events_tx_position ON ${s}.events (tx_id, position);
      CREATE INDEX events_type_position ON ${s}.events (type, position);
      CREATE TABLE ${s}.subscriptions (
        name       text PRIMARY KEY,
        cursor     text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- An append whose ids are partly stored would leave a hole in the stream's versions.
      CREATE FUNCTION ${s}.refuse_partly_stored_append(stream_id text) RETURNS void
      LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'append to %: some event ids are already stored', stream_id USING ERRCODE = 'CW001';
      END
      $fn$;
      CREATE TABLE ${s}.documents (
        collection text NOT NULL,
        key        text COLLATE "C" NOT NULL,
        doc        jsonb NOT NULL,
        PRIMARY KEY (collection, key)
      );`,
  },
  {
    version: 2,
    name: 'secrets',
    sql: (s) => `
      CREATE TABLE ${s}.secrets (
        key        text PRIMARY KEY,
        value      text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Applies pending migrations in one transaction under a transaction-level advisory lock keyed by
 * the schema, so two processes starting at once apply each migration exactly once. Safe on an
 * empty database and on an up-to-date one (then it only reads `schema_migrations`).
 * @param targetVersion stop after this version (tests of upgrades from an older schema).
 * @returns the versions applied by this call.
 */
export async function migratePostgres(client: ClientBase, schema: string, targetVersion = POSTGRES_SCHEMA_VERSION): Promise<number[]> {
  const s = quoteSchema(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`chipwatch:migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
         version    integer PRIMARY KEY,
         name       text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`);
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version) || migration.version > targetVersion) continue;
      await client.query(migration.sql(s));
      await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
