import { Client, type ClientConfig, type Pool } from 'pg';
import type { DocumentReader, DocumentWrite } from '../documents';
import type { RecordedEvent } from '../event';
import type { EventFilter } from '../subscription';
import type { CursorBatch, SubscriptionBackend } from '../subscription-backend';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './postgres-rows';

/** Cursor of a subscription: the (transaction id, position) of the last event handed over. */
const CURSOR = /^(\d+):(\d+)$/;
/** Above every position: `<tx>:MAX_POSITION` is after every event of transaction `tx`. */
const MAX_POSITION = '9223372036854775807';
const POLL_INITIAL_MS = 2;
const POLL_MAX_MS = 50;

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
  horizonWaitMs: number;
  documents: DocumentReader;
  watch(listener: () => void): () => void;
  onError(error: unknown): void;
}

/**
 * The PostgreSQL side of `SubscriptionRunner`.
 *
 * Positions come from an identity column, so concurrent transactions take them in one order and
 * commit in another. Subscribers therefore read in (tx_id, position) order and only below the
 * oldest transaction still running (`pg_snapshot_xmin`): everything there has committed or rolled
 * back, so nothing can appear behind the cursor later.
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
      const { rows } = await holder.client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
        [this.lockKey(name)],
      );
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

  /** Just below the oldest running transaction: skips what has committed, keeps what may still. */
  async headCursor(): Promise<string> {
    const { rows } = await this.options.pool.query<[string]>({
      text: 'SELECT pg_snapshot_xmin(pg_current_snapshot())::text',
      rowMode: 'array',
    });
    return `${rows[0][0]}:0`;
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

  /**
   * Reads the next committed events in (tx_id, position) order. When the batch is short while
   * newer committed events wait behind an older open transaction, polls briefly (up to
   * `horizonWaitMs`) for that transaction to end, so a short batch means "caught up with everything
   * committed when the read started" rather than "blocked by someone else's transaction".
   */
  async readAfter(cursor: string, limit: number, filter?: EventFilter): Promise<CursorBatch> {
    const match = CURSOR.exec(cursor);
    if (!match) throw new Error(`invalid PostgreSQL subscription cursor ${JSON.stringify(cursor)}`);
    const types = filter?.types?.length ? filter.types : null;
    const prefix = filter?.streamPrefix ?? null;
    const deadline = Date.now() + this.options.horizonWaitMs;
    let delay = POLL_INITIAL_MS;
    for (;;) {
      const { rows } = await this.options.pool.query<[...EventRow, string | null, boolean | null, string | null, string | null]>({
        name: `${this.options.statementPrefix}read_after`,
        text: this.sql.readAfter,
        values: [match[1], match[2], limit, types, prefix],
        rowMode: 'array',
      });
      // One row (the last, as UNION ALL appends in order) is the marker: no event, only `behind`,
      // the horizon and the head.
      let marker = rows.length - 1;
      if (rows[marker][1] !== null) marker = rows.findIndex((row) => row[1] === null);
      const behind = rows[marker][9] === true;
      const events: RecordedEvent[] = [];
      let last: (typeof rows)[number] | null = null;
      for (let i = 0; i < rows.length; i++) {
        if (i === marker) continue;
        last = rows[i];
        events.push(toRecordedEvent(last as unknown as EventRow));
      }
      if (events.length === limit || !behind || this.closing || Date.now() >= deadline) {
        const read = last ? `${last[8]}:${last[0]}` : cursor;
        if (events.length === limit || (types === null && prefix === null)) return { events, cursor: read, complete: !behind };
        // Filtered and short: every event below the horizon was scanned, matching or not, so the
        // cursor moves past them all rather than stopping at the last match.
        const scanned = `${BigInt(rows[marker][10]!) - 1n}:${MAX_POSITION}`;
        const head = rows[marker][11];
        return {
          events,
          cursor: laterCursor(read, scanned),
          complete: !behind,
          ...(!behind && head !== null ? { scannedTo: Number(head) } : {}),
        };
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, POLL_MAX_MS);
    }
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

  /** Stops waits in `readAfter` early (the store is closing). */
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
    // ORDER BY names the table's columns: an output column of the same name cast to text would
    // sort '10000' before '9999' (and skip the index).
    readAfter: `
      (SELECT ${EVENT_COLUMNS}, e.tx_id AS tx, NULL::boolean AS behind, NULL::text AS horizon, NULL::bigint AS head
         FROM ${s}.events e
        WHERE (e.tx_id, e.position) > ($1::xid8, $2::bigint)
          AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
          AND ($4::text[] IS NULL OR e.type = ANY($4::text[]))
          AND ($5::text IS NULL OR starts_with(e.stream_id, $5::text))
        ORDER BY e.tx_id, e.position
        LIMIT $3)
      UNION ALL
      SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
             -- Is a committed event held behind the horizon? ORDER BY + LIMIT keeps this an index
             -- probe (EXISTS would be planned as a scan expecting an early match).
             (SELECT b.tx_id FROM ${s}.events b WHERE b.tx_id >= pg_snapshot_xmin(pg_current_snapshot())
               ORDER BY b.tx_id, b.position LIMIT 1) IS NOT NULL,
             -- Everything below this transaction id was scanned (a filtered read skips past it).
             pg_snapshot_xmin(pg_current_snapshot())::text,
             (SELECT max(h.position) FROM ${s}.events h)`,
    commit(initial: boolean, withDocuments: boolean): string {
      const moved = initial
        ? `INSERT INTO ${s}.subscriptions AS sub (name, cursor) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor, updated_at = now() WHERE sub.cursor IS NULL
           RETURNING 1`
        : `UPDATE ${s}.subscriptions SET cursor = $3, updated_at = now() WHERE name = $1 AND cursor = $2 RETURNING 1`;
      const next = initial ? 3 : 4;
      const documents = withDocuments
        ? commitDocuments.replace('$DOCS', `$${next}`).replace('$DELS', `$${next + 1}`)
        : '';
      return `WITH moved AS (${moved})${documents} SELECT count(*)::int FROM moved`;
    },
  };
}

/** The later of two cursors in (transaction id, position) order. */
function laterCursor(a: string, b: string): string {
  const [aTx, aPosition] = a.split(':').map(BigInt);
  const [bTx, bPosition] = b.split(':').map(BigInt);
  return aTx > bTx || (aTx === bTx && aPosition >= bPosition) ? a : b;
}
