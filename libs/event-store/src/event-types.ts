import type { Event, Recorded, RecordedEvent } from './event';

/**
 * The type names of an event union, as a value (subscription filters, REST validation). The
 * record form makes the compiler refuse a list that misses or invents a member of `E`:
 * `eventTypesOf<FeedEvent>({ FeedPolled: true, FeedPollFailed: true })`.
 */
export function eventTypesOf<E extends Event>(names: { [Type in E['type']]: true }): readonly E['type'][] {
  return Object.keys(names);
}

/** A guard that narrows an event read from a mixed log to the union whose type names are `types`. */
export function isEventOf<E extends Event>(types: readonly E['type'][]): (event: RecordedEvent) => event is Recorded<E> {
  const known = new Set<string>(types);
  return (event: RecordedEvent): event is Recorded<E> => known.has(event.type);
}
