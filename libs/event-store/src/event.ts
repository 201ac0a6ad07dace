/**
 * The shapes every adapter reads and writes. Payloads are plain JSON, versioned by adding fields.
 */
export type JsonObject = { [key: string]: unknown };

export interface EventMetadata {
  /** Ties together everything one request or job caused. */
  correlationId?: string;
  /** Id of the event or job that directly caused this one. */
  causationId?: string;
  [key: string]: unknown;
}

/**
 * A domain event as its lib declares it, one union per stream:
 * `type StoryDiscovered = Event<'StoryDiscovered', DiscoveredStory>`.
 */
export type Event<Type extends string = string, Data extends JsonObject = JsonObject> = { type: Type; data: Data };

/**
 * Each member of an event union as stored. It distributes over the union, so a `switch` on
 * `type` narrows `data`: `Recorded<StoryEvent>` is `RecordedEvent<'StoryDiscovered', …> | …`.
 */
export type Recorded<E extends Event = Event> = E extends Event ? RecordedEvent<E['type'], E['data']> : never;

/** An event as a caller hands it to `append`. */
export interface NewEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  /**
   * Idempotency key, unique across the store. Derive it from what the event records
   * (e.g. `StoryDiscovered:<storyId>`) so a retried job appends nothing new.
   * @defaultValue a random UUID
   */
  id?: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

/** An event as stored: what readers see. */
export interface RecordedEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  id: string;
  /** Global, strictly increasing; a tailing reader never skips one. */
  position: number;
  streamId: string;
  /** 1 for a stream's first event. */
  streamVersion: number;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  /** ISO 8601, UTC. */
  recordedAt: string;
}

/**
 * What `append` checks before writing:
 * - a number: the stream's current version must be exactly this (0 = the stream must not exist);
 * - `'any'`: no check;
 * - `'no-stream'` / `'stream-exists'`: the stream must not / must already exist.
 */
export type ExpectedVersion = number | 'any' | 'no-stream' | 'stream-exists';

export interface AppendOptions {
  /** @defaultValue 'any' */
  expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  /** One per event, in the order given. On an idempotent retry, the original positions. */
  positions: number[];
  /** The stream's version after the append. */
  streamVersion: number;
  /** True when every event was already stored (an idempotent retry) and nothing was written. */
  duplicate: boolean;
}

export interface ReadAllOptions<Type extends string = string> {
  /** Return events with position > after. @defaultValue 0 */
  after?: number;
  /** @defaultValue 100 */
  limit?: number;
  /** Only these event types. */
  types?: readonly Type[];
  /** Only streams whose id starts with this (e.g. `story-`). */
  streamPrefix?: string;
  /** Only this exact stream. */
  streamId?: string;
}

export interface ReadStreamOptions {
  /** Return events with streamVersion > afterVersion. @defaultValue 0 */
  afterVersion?: number;
}

/**
 * Where stored rows become a lib's declared event types. The store does not validate payloads
 * against the types (they are versioned by adding fields, see DESIGN.md); the caller names the
 * union its stream or filter holds, and this is the one cast that claim needs.
 */
export function asRecorded<E extends Event>(events: RecordedEvent[]): Recorded<E>[] {
  return events as Recorded<E>[];
}
