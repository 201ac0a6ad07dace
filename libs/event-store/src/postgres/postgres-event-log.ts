import type { ClientBase, Pool } from 'pg';
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
  type RecordedEvent,
} from '../event';
import type { EventFilter } from '../subscription';
import type { CursorBatch } from '../subscription-backend';
import { appendInput, appendStatement, idempotentResult, type AppendInput, type StoredId } from './postgres-append';
import { isConnectionLost, retryOnLostConnection } from './postgres-connection-loss';
import { EVENT_COLUMNS, prefixUpperBound, toNumbers, toRecordedEvent, type EventRow } from './postgres-rows';

/** Re-runs of a standalone append after losing a stream version race or a deadlock. */
const MAX_APPEND_ATTEMPTS = 10;
const UNIQUE_VIOLATION = '23505';
const DEADLOCK_DETECTED = '40P01';
/** Raised by `refuse_partly_stored_append` (see postgres-migrations.ts). */
const PARTLY_STORED = 'CW001';
/** Cursor of a subscription: the (transaction id, position) of the last event handed over. */
const CURSOR = /^(\d+):(\d+)$/;
/** Above every position: `<tx>:MAX_POSITION` is after every event of transaction `tx`. */
const MAX_POSITION = '9223372036854775807';
const POLL_INITIAL_MS = 2;
const POLL_MAX_MS = 50;

type AppendRow = [number, number[] | string | null, unknown];

export interface PostgresEventLogOptions {
  pool: Pool;
  /** Quoted schema for SQL text. */
  quotedSchema: string;
  /** Prefix that makes prepared statement names unique per schema. */
  statementPrefix: string;
  /** LISTEN/NOTIFY channel that appends notify at commit. */
  channel: string;
  horizonWaitMs: number;
  /** Called once a standalone append has committed, before it resolves (this process's wake-up hints). */
  appended(): void;
}

/**
 * The events table.
 *
 * - An append is one statement, one round trip: it reads the stream's version, checks the expected
 *   version, inserts the events from one JSON parameter with `ON CONFLICT (event_id) DO NOTHING`
 *   and calls `pg_notify` (delivered at commit). A second query runs only when nothing was written
 *   (a conflict or an idempotent retry), to tell which. Concurrent writers meet in UNIQUE
 *   (stream_id, stream_version); the loser re-runs the statement once the winner has committed.
 * - Positions come from an identity column, so concurrent transactions take them in one order and
 *   commit in another. The tail (subscribers, `readCommitted`) therefore reads in (tx_id, position)
 *   order and only below the oldest transaction still running (`pg_snapshot_xmin`): everything
 *   there has committed or rolled back, so nothing can appear behind the cursor later.
 * - `readAll` and `readStream` page by position and version, for people and tools.
 */
export class PostgresEventLog {
  /** `"<tx_id>:<position>"` of the last event handed over; before the first event, `"0:0"`. */
  readonly initialCursor = '0:0';
  private readonly pool: Pool;
  private readonly quoted: string;
  private readonly prefix: string;
  private readonly sql: ReturnType<typeof statements>;
  private closing = false;

  constructor(private readonly options: PostgresEventLogOptions) {
    this.pool = options.pool;
    this.quoted = options.quotedSchema;
    this.prefix = options.statementPrefix;
    this.sql = statements(this.quoted, options.channel);
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const input = appendInput(streamId, events, options.expectedVersion);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.runAppend(this.pool, input, false);
        this.options.appended();
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

  /** See `PostgresEventStore.appendWithClient`. */
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
      const { rows } = await this.pool.query<[...EventRow, string | null, boolean | null, string | null, string | null]>({
        name: `${this.prefix}read_after`,
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

  /** Committed events after `cursor` for live readers; see `readAfter`. */
  async readCommitted(cursor: string, limit: number): Promise<CursorBatch> {
    // Live readers keep polling either way: whether the batch is complete is the runner's concern.
    const { events, cursor: next } = await this.readAfter(cursor, limit);
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

  /** Just below the oldest running transaction: skips what has committed, keeps what may still. */
  async headCursor(): Promise<string> {
    const { rows } = await this.pool.query<[string]>({
      text: 'SELECT pg_snapshot_xmin(pg_current_snapshot())::text',
      rowMode: 'array',
    });
    return `${rows[0][0]}:0`;
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

  /** Stops waits in `readAfter` early (the store is closing). */
  beginClose(): void {
    this.closing = true;
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

/** The later of two cursors in (transaction id, position) order. */
function laterCursor(a: string, b: string): string {
  const [aTx, aPosition] = a.split(':').map(BigInt);
  const [bTx, bPosition] = b.split(':').map(BigInt);
  return aTx > bTx || (aTx === bTx && aPosition >= bPosition) ? a : b;
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
  };
}
