import { types, type CustomTypesConfig } from 'pg';
import type { RecordedEvent } from '../event';

const INT8 = 20;
const INT8_ARRAY = 1016;
const TIMESTAMPTZ = 1184;

const defaultTimestamptz = types.getTypeParser(TIMESTAMPTZ, 'text') as (value: string) => Date;

/** int8 as a JS number: positions stay far below 2^53, and Number() is cheaper than BigInt. */
function parseInt8(value: string): number {
  return Number(value);
}

function parseInt8Array(value: string): number[] {
  return value === '{}' ? [] : value.slice(1, -1).split(',').map(Number);
}

/**
 * `2024-05-01 10:11:12.345678+00` → `2024-05-01T10:11:12.345Z` without a Date round trip (the pool
 * sets TimeZone=UTC, so this is the usual shape); anything else goes through pg's own parser.
 */
export function timestamptzToIso(value: string): string {
  const length = value.length;
  if (length >= 22 && value.charCodeAt(10) === 32 && value.endsWith('+00')) {
    let millis = '000';
    if (value.charCodeAt(19) === 46) millis = (value.slice(20, length - 3) + '00').slice(0, 3);
    return `${value.slice(0, 10)}T${value.slice(11, 19)}.${millis}Z`;
  }
  return defaultTimestamptz(value).toISOString();
}

/** Type parsers for the store's own connections: numbers for int8, ISO strings for timestamptz. */
export const PG_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format === undefined || format === 'text') {
      if (oid === INT8) return parseInt8;
      if (oid === INT8_ARRAY) return parseInt8Array;
      if (oid === TIMESTAMPTZ) return timestamptzToIso;
    }
    return types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
  }) as CustomTypesConfig['getTypeParser'],
};

/** Column list matching `toRecordedEvent`; `rowMode: 'array'` skips building a keyed object per row. */
export const EVENT_COLUMNS = 'position, event_id, stream_id, stream_version, type, data, metadata, recorded_at';

export type EventRow = [number, string, string, number, string, RecordedEvent['data'], RecordedEvent['metadata'], string];

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row[1],
    position: row[0],
    streamId: row[2],
    streamVersion: row[3],
    type: row[4],
    data: row[5],
    metadata: row[6],
    recordedAt: row[7],
  };
}

/** Positions from a connection that may or may not use PG_TYPES (a caller's client in `appendWithClient`). */
export function toNumbers(value: unknown): number[] {
  if (typeof value === 'string') return parseInt8Array(value);
  return (value as unknown[]).map(Number);
}

/**
 * The smallest string greater than every string starting with `prefix` in code-point order (the
 * "C" collation), or null when there is none. Lets a prefix filter be a plain index range.
 */
export function prefixUpperBound(prefix: string): string | null {
  const chars = [...prefix];
  while (chars.length > 0) {
    const last = chars.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return chars.join('') + String.fromCodePoint(next);
    }
  }
  return null;
}
