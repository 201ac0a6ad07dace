import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError } from '../errors';
import type { AppendResult, ExpectedVersion, NewEvent } from '../event';

// An append without its I/O (PostgresEventLog runs it): the events encoded as one JSON parameter,
// the expected version as a range, the one statement, and the answer to a retry of stored ids.

const MAX_STREAM_VERSION = 2_147_483_647;

export interface AppendInput {
  streamId: string;
  ids: string[];
  /** JSON array of {n, id, type, data, metadata}: one parameter, parsed once by PostgreSQL. */
  json: string;
  /** The allowed current versions, inclusive. */
  low: number;
  high: number;
  /** `expectedVersion` as ConcurrencyError reports it. */
  expected: string;
}

/** [event_id, stream_id, position] of an id already stored. */
export type StoredId = [string, string, number];

/** Validates and encodes an append before any I/O. */
export function appendInput(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion | undefined): AppendInput {
  if (events.length === 0) throw new Error(`append to ${streamId}: no events`);
  const [low, high] = versionRange(expected);
  const ids = new Array<string>(events.length);
  const seen = new Set<string>();
  let json = '[';
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const id = event.id ?? randomUUID();
    if (seen.has(id)) throw new DuplicateEventIdError(id, streamId);
    seen.add(id);
    ids[i] = id;
    const data = JSON.stringify(event.data);
    if (data === undefined) throw new TypeError(`append to ${streamId}: event ${id} has no data`);
    // Built by hand: one JSON.stringify per payload, not one over a wrapper object per event.
    json += `${i === 0 ? '' : ','}{"n":${i + 1},"id":${JSON.stringify(id)},"type":${JSON.stringify(event.type)},"data":${data}`;
    json += event.metadata === undefined ? '}' : `,"metadata":${JSON.stringify(event.metadata)}}`;
  }
  json += ']';
  return { streamId, ids, json, low, high, expected: String(expected ?? 'any') };
}

/** The allowed current versions as an inclusive range, so the SQL check is one BETWEEN. */
function versionRange(expected: ExpectedVersion | undefined): [number, number] {
  if (expected === undefined || expected === 'any') return [0, MAX_STREAM_VERSION];
  if (expected === 'no-stream') return [0, 0];
  if (expected === 'stream-exists') return [1, MAX_STREAM_VERSION];
  if (!Number.isInteger(expected) || expected < 0 || expected > MAX_STREAM_VERSION) {
    throw new RangeError(`invalid expected version ${expected}`);
  }
  return [expected, expected];
}

/** Every id already stored in this stream: a retry, answered with the original positions. */
export function idempotentResult(input: AppendInput, existing: StoredId[], version: number): AppendResult {
  const stored = new Map(existing.map(([id, stream, position]) => [id, { stream, position }]));
  const positions = input.ids.map((id) => {
    const hit = stored.get(id);
    if (!hit || hit.stream !== input.streamId) {
      const culprit = existing.find(([, stream]) => stream !== input.streamId) ?? existing[0];
      throw new DuplicateEventIdError(culprit[0], input.streamId);
    }
    return Number(hit.position);
  });
  return { positions, streamVersion: version, duplicate: true };
}

export function appendStatement(s: string, channel: string, onConflict: string): string {
  const result = onConflict
    ? `CASE WHEN w.count = $5::integer THEN pg_notify('${channel}', '')::text
            WHEN w.count > 0 THEN ${s}.refuse_partly_stored_append($1::text)::text
       END`
    : `CASE WHEN w.count > 0 THEN pg_notify('${channel}', '')::text END`;
  return `
      WITH head AS (
        SELECT coalesce(
          (SELECT stream_version FROM ${s}.events WHERE stream_id = $1::text ORDER BY stream_version DESC LIMIT 1), 0
        ) AS version
      ), inserted AS (
        INSERT INTO ${s}.events (event_id, stream_id, stream_version, type, data, metadata)
        SELECT t.id, $1::text, h.version + t.n, t.type, t.data, coalesce(t.metadata, '{}'::jsonb)
          FROM head h,
               jsonb_to_recordset($2::jsonb) AS t(n integer, id text, type text, data jsonb, metadata jsonb)
         WHERE h.version BETWEEN $3::integer AND $4::integer
         ORDER BY t.n
        ${onConflict}
        RETURNING position, stream_version
      ), written AS (
        SELECT count(*)::integer AS count, array_agg(position ORDER BY stream_version) AS positions FROM inserted
      )
      SELECT h.version, w.positions, ${result}
        FROM head h, written w`;
}
