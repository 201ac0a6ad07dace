import {
  asRecorded,
  type AppendResult,
  type Event,
  type EventStore,
  type NewEvent,
  type ReadStreamOptions,
  type Recorded,
  type RecordedEvent,
  type SecretStore,
} from '@chipwatch/event-store';

/**
 * The log's reads and appends in memory, for specs of the code that takes only those (the alert
 * evaluator, delivery): events are recorded at the time `now` gives, with deterministic ids, so
 * what a spec builds from them can be compared byte for byte.
 */
export class MemoryLog implements Pick<EventStore, 'readStream' | 'append' | 'secrets'> {
  readonly events: RecordedEvent[] = [];
  readonly secrets: SecretStore & { values: Map<string, string> } = {
    values: new Map(),
    async get(key) {
      return this.values.get(key);
    },
    async put(key, value) {
      this.values.set(key, value);
    },
    async delete(key) {
      this.values.delete(key);
    },
  };

  constructor(private readonly now: () => Date) {}

  async append(streamId: string, events: readonly NewEvent[]): Promise<AppendResult> {
    const stream = this.events.filter((e) => e.streamId === streamId);
    const known = events.map((event) => (event.id === undefined ? undefined : this.events.find((e) => e.id === event.id)));
    if (known.every((e) => e !== undefined))
      return { positions: known.map((e) => e.position), streamVersion: stream.length, duplicate: true };
    const positions: number[] = [];
    let version = stream.length;
    for (const event of events) {
      const position = this.events.length + 1;
      this.events.push({
        id: event.id ?? `event-${position}`,
        position,
        streamId,
        streamVersion: ++version,
        type: event.type,
        data: event.data,
        metadata: event.metadata ?? {},
        recordedAt: this.now().toISOString(),
      });
      positions.push(position);
    }
    return { positions, streamVersion: version, duplicate: false };
  }

  async readStream<E extends Event = Event>(streamId: string, options: ReadStreamOptions = {}): Promise<Recorded<E>[]> {
    return asRecorded<E>(this.events.filter((e) => e.streamId === streamId && e.streamVersion > (options.afterVersion ?? 0)));
  }

  /** Events after `position` of the given types, as a log subscription with that filter would see them. */
  after<E extends Event>(position: number, types: readonly E['type'][]): Recorded<E>[] {
    return asRecorded<E>(this.events.filter((e) => e.position > position && types.includes(e.type)));
  }

  get head(): number {
    return this.events.length;
  }
}
