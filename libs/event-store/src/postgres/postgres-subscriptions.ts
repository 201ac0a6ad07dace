import { Client, type ClientConfig, type Pool } from 'pg';
import type { DocumentReader, DocumentWrite } from '../documents';
import type { EventFilter } from '../subscription';
import type { CursorBatch, SubscriptionBackend } from '../subscription-backend';
import type { PostgresEventLog } from './postgres-event-log';

interface LockHolder {
  owner: string;
  /** A dedicated session: the advisory lock lives exactly as long as this connection. */
  client: Client;
  held: boolean;
  /** Set when the connection failed; the next tryLock reports the loss. */
  lost: boolean;
}

export interface PostgresSubscriptionBackendOptions {
  pool: Pool;
  /** Client settings for the dedicated lock connections. */
  clientConfig: ClientConfig;
  schema: string;
  /** Quoted schema for SQL text. */
  quotedSchema: string;
  /** Prefix that makes prepared statement names unique per schema. */
  statementPrefix: string;
  /** Where subscriptions read from, in (tx_id, position) order below the oldest running transaction. */
  log: PostgresEventLog;
  documents: DocumentReader;
  watch(listener: () => void): () => void;
  onError(error: unknown): void;
}

/**
 * The PostgreSQL side of `SubscriptionRunner`: one session advisory lock per subscription on a
 * dedicated connection, the stored (tx_id, position) cursor, and its compare-and-set together with
 * the handler's documents in one statement. Events come from `PostgresEventLog.readAfter`, which
 * explains why the cursor is a pair.
 */
export class PostgresSubscriptionBackend implements SubscriptionBackend {
  readonly initialCursor = '0:0';
  readonly documents: DocumentReader;
  private readonly locks = new Map<string, LockHolder>();
  private closing = false;
  private readonly sql: ReturnType<typeof statements>;

  constructor(private readonly options: PostgresSubscriptionBackendOptions) {
    this.documents = options.documents;
    this.sql = statements(options.quotedSchema);
  }

  watch(listener: () => void): () => void {
    return this.options.watch(listener);
  }

  async tryLock(name: string, owner: string): Promise<boolean> {
    if (this.closing) return false;
    let holder = this.locks.get(name);
    // Another runner of this process registered the name first: it is the one that may take the lock.
    if (holder && holder.owner !== owner) return false;
    if (holder?.lost) {
      // Report the loss once: the runner drops its cached cursor and takes the lock again later.
      this.locks.delete(name);
      await holder.client.end().catch(() => undefined);
      return false;
    }
    if (!holder) {
      const client = new Client(this.options.clientConfig);
      holder = { owner, client, held: false, lost: false };
      const current = holder;
      client.on('error', (error) => {
        if (current.held && !current.lost) this.options.onError(error);
        current.lost = true;
      });
      client.on('end', () => void (current.lost = true));
      this.locks.set(name, holder);
      try {
        await client.connect();
      } catch (error) {
        this.locks.delete(name);
        await client.end().catch(() => undefined);
        throw error;
      }
    }
    try {
      if (holder.held) {
        // Session advisory locks stack: never take it twice, just check the session is alive.
        await holder.client.query('SELECT 1');
        return !holder.lost;
      }
      const { rows } = await holder.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [
        this.lockKey(name),
      ]);
      holder.held = rows[0].ok;
      return holder.held && !holder.lost;
    } catch (error) {
      this.locks.delete(name);
      await holder.client.end().catch(() => undefined);
      if (holder.held) return false;
      throw error;
    }
  }

  async unlock(name: string, owner: string): Promise<void> {
    const holder = this.locks.get(name);
    if (!holder || holder.owner !== owner) return;
    this.locks.delete(name);
    // Ending the session releases the lock, also when the unlock query itself cannot run.
    await holder.client.end().catch(() => undefined);
  }

  async loadCursor(name: string): Promise<string | null> {
    const { rows } = await this.options.pool.query<[string | null]>({
      name: `${this.options.statementPrefix}load_cursor`,
      text: this.sql.loadCursor,
      values: [name],
      rowMode: 'array',
    });
    return rows[0]?.[0] ?? null;
  }

  headCursor(): Promise<string> {
    return this.options.log.headCursor();
  }

  /** The current snapshot: which transactions had committed at this moment. */
  async horizon(): Promise<string> {
    const { rows } = await this.options.pool.query<[string]>({ text: 'SELECT pg_current_snapshot()::text', rowMode: 'array' });
    return rows[0][0];
  }

  /**
   * No event visible in the `horizon` snapshot (committed then) lies beyond the stored cursor.
   * Reads the (tx_id, position) index from the cursor on: as far as the subscription is behind.
   */
  async handledUpTo(name: string, horizon: string): Promise<boolean> {
    const { rows } = await this.options.pool.query<[boolean]>({
      name: `${this.options.statementPrefix}handled_up_to`,
      text: this.sql.handledUpTo,
      values: [name, horizon],
      rowMode: 'array',
    });
    return rows[0][0];
  }

  readAfter(cursor: string, limit: number, filter?: EventFilter): Promise<CursorBatch> {
    return this.options.log.readAfter(cursor, limit, filter);
  }

  async commit(name: string, _owner: string, from: string | null, to: string, writes: readonly DocumentWrite[]): Promise<void> {
    // The compare-and-set is the authority: a lost lock only matters if another instance moved the
    // checkpoint, and then the update below matches no row.
    const puts: { collection: string; key: string; doc: unknown }[] = [];
    const deletes: { collection: string; key: string }[] = [];
    for (const write of writes) {
      if (write.op === 'put') puts.push({ collection: write.collection, key: write.key, doc: write.doc ?? null });
      else deletes.push({ collection: write.collection, key: write.key });
    }
    const initial = from === null;
    const withDocuments = writes.length > 0;
    const values: unknown[] = [name, initial ? to : from, ...(initial ? [] : [to])];
    if (withDocuments) values.push(JSON.stringify(puts), JSON.stringify(deletes));
    // One statement, hence one transaction: the documents change only if the checkpoint moved.
    const { rows } = await this.options.pool.query<[number]>({
      name: `${this.options.statementPrefix}commit_${initial ? 'new' : 'cas'}${withDocuments ? '_docs' : ''}`,
      text: this.sql.commit(initial, withDocuments),
      values,
      rowMode: 'array',
    });
    if (rows[0][0] !== 1) {
      const stored = await this.loadCursor(name);
      throw new Error(`subscription ${name}: checkpoint is ${stored}, expected ${from}; another instance moved it`);
    }
  }

  /** Releases every lock session; subscriptions must already be stopped. */
  async close(): Promise<void> {
    this.closing = true;
    const holders = [...this.locks.values()];
    this.locks.clear();
    await Promise.all(holders.map((holder) => holder.client.end().catch(() => undefined)));
  }

  /** Takes no more locks (the store is closing). */
  beginClose(): void {
    this.closing = true;
  }

  private lockKey(name: string): string {
    return `chipwatch:subscription:${this.options.schema}:${name}`;
  }
}

function statements(s: string) {
  const commitDocuments = `,
    puts AS (
      INSERT INTO ${s}.documents (collection, key, doc)
      SELECT p.collection, p.key, p.doc FROM jsonb_to_recordset($DOCS::jsonb) AS p(collection text, key text, doc jsonb)
      WHERE EXISTS (SELECT FROM moved)
      ON CONFLICT (collection, key) DO UPDATE SET doc = excluded.doc
    ),
    removed AS (
      DELETE FROM ${s}.documents d
      USING jsonb_to_recordset($DELS::jsonb) AS r(collection text, key text)
      WHERE d.collection = r.collection AND d.key = r.key AND EXISTS (SELECT FROM moved)
    )`;
  return {
    loadCursor: `SELECT cursor FROM ${s}.subscriptions WHERE name = $1`,
    handledUpTo: `
      WITH stored AS (
        SELECT coalesce((SELECT cursor FROM ${s}.subscriptions WHERE name = $1), '0:0') AS cursor
      )
      SELECT NOT EXISTS (
        SELECT 1 FROM ${s}.events e, stored
         WHERE (e.tx_id, e.position) > (split_part(stored.cursor, ':', 1)::xid8, split_part(stored.cursor, ':', 2)::bigint)
           AND e.tx_id < pg_snapshot_xmax($2::pg_snapshot)
           AND pg_visible_in_snapshot(e.tx_id, $2::pg_snapshot)
      )`,
    commit(initial: boolean, withDocuments: boolean): string {
      const moved = initial
        ? `INSERT INTO ${s}.subscriptions AS sub (name, cursor) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor, updated_at = now() WHERE sub.cursor IS NULL
           RETURNING 1`
        : `UPDATE ${s}.subscriptions SET cursor = $3, updated_at = now() WHERE name = $1 AND cursor = $2 RETURNING 1`;
      const next = initial ? 3 : 4;
      const documents = withDocuments ? commitDocuments.replace('$DOCS', `$${next}`).replace('$DELS', `$${next + 1}`) : '';
      return `WITH moved AS (${moved})${documents} SELECT count(*)::int FROM moved`;
    },
  };
}
