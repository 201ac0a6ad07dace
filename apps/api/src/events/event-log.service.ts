import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@chipwatch/event-store';
import { EVENT_STORE } from '@chipwatch/platform';
import type { EventsQuery } from './events.schema';

export interface EventPage {
  events: RecordedEvent[];
  /** Pass as `after` for the next page; null once the end of the log is reached. */
  next: number | null;
}

/** Read access to the log for people and integrations: pages by position. */
@Injectable()
export class EventLogService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async page(query: EventsQuery): Promise<EventPage> {
    const events = await this.store.readAll({
      after: query.after,
      limit: query.limit,
      types: query.type,
      streamId: query.stream,
      streamPrefix: query.streamPrefix,
    });
    const next = events.length === query.limit ? events[events.length - 1].position : null;
    return { events: events.map(publicEvent), next };
  }

  async stream(streamId: string): Promise<{ streamId: string; events: RecordedEvent[] }> {
    const events = await this.store.readStream(streamId);
    if (events.length === 0) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `no stream ${streamId}` });
    return { streamId, events: events.map(publicEvent) };
  }
}

/** The documented event shape, in a stable key order (the internal id is the idempotency key). */
export function publicEvent(event: RecordedEvent): RecordedEvent {
  return {
    position: event.position,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    id: event.id,
  };
}
