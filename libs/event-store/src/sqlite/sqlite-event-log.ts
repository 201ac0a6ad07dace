import { randomUUID } from 'node:crypto';
import type { Database, Statement, Transaction } from 'better-sqlite3';
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
import { assertExpectedVersion } from '../expected-version';
import type { EventFilter } from '../subscription';
import type { CursorBatch } from '../subscription-backend';
import { GroupCommit, type GroupOutcome } from './sqlite-group-commit';

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
 * The events table: appends, reads and the tail. One writer, so positions are assigned in commit
 * order and a cursor is just the position of the last event handed over.
 */
export class SqliteEventLog {
  private statements!: ReturnType<SqliteEventLog['prepareStatements']>;
  private appendTransaction!: Transaction<(streamId: string, rows: PreparedEvent[], options: AppendOptions) => AppendResult>;
  private appends!: GroupCommit<PendingAppend, AppendResult>;
  /** A subscription's filtered read and the head, in one snapshot. */
  private filteredRead!: Transaction<(after: number, limit: number, filter: EventFilter) => CursorBatch>;
  private readonly filteredStatements = new Map<string, Statement>();

  /** `appended` is called once an append has committed, before it resolves (wake-up hints). */
  constructor(
    private readonly db: Database,
    private readonly appended: () => void,
  ) {}

  /** Once the tables exist (after migrating). */
  prepare(): void {
    this.statements = this.prepareStatements();
    const { streamVersion, insert } = this.statements;
    // Built once: better-sqlite3 prepares BEGIN/COMMIT per transaction function.
    this.appendTransaction = this.db.transaction((streamId: string, rows: PreparedEvent[], options: AppendOptions) => {
      const current = (streamVersion.get(streamId) as number | null) ?? 0;
      assertExpectedVersion(streamId, options.expectedVersion, current);
      const recordedAt = new Date().toISOString();
      const positions = rows.map((row, index) =>
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

  private prepareStatements() {
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
      this.appended();
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

  /** Events after `cursor` for a subscription, applying its filter. */
  async readAfter(cursor: string, limit: number, filter?: EventFilter): Promise<CursorBatch> {
    if (!filter?.types?.length && filter?.streamPrefix === undefined) {
      const events = (this.statements.readAfter.all(Number(cursor), limit) as EventRow[]).map(toRecorded);
      return { events, cursor: events.length ? String(events[events.length - 1].position) : cursor };
    }
    // Filtered in SQL, so a subscriber to one kind of event does not decode all the others (the
    // alert evaluator otherwise waded through every StoryDiscovered before reaching a verdict).
    // The read and the head come from one snapshot: a short batch has scanned up to that head.
    return this.filteredRead(Number(cursor), limit, filter);
  }

  readCommitted(cursor: string, limit: number): Promise<CursorBatch> {
    return this.readAfter(cursor, limit);
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
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    position: row[0],
    id: row[1],
    streamId: row[2],
    streamVersion: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as RecordedEvent['data'],
    metadata: JSON.parse(row[6]) as RecordedEvent['metadata'],
    recordedAt: row[7],
  };
}

function isUniqueViolation(error: unknown, column: string): boolean {
  // Duck-typed, not `instanceof Error`: the native addon keeps the SqliteError class of the first
  // realm that loaded it, so under jest's per-file contexts an instanceof test fails at random.
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && String(e.message).includes(column);
}
