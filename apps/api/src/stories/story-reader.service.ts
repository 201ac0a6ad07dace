import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { EventStore } from '@chipwatch/event-store';
import { CLOCK, EVENT_STORE, type Clock } from '@chipwatch/platform';
import { listStories, STORIES_COLLECTION, storyStreamId, type StoryPage, type StoryView } from '@chipwatch/stories';
import { publicEvent } from '../events/event-log.service';
import { resolvePointInTime } from '../http/params.schema';
import type { StoriesQuery } from './stories.schema';

/** Stories as read models, for people. */
@Injectable()
export class StoryReaderService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(query: StoriesQuery): Promise<StoryPage> {
    return listStories(this.store.documents, { ...query, since: resolvePointInTime(query.since, this.clock.now()) });
  }

  async get(storyId: string) {
    const story = await this.store.documents.get<StoryView>(STORIES_COLLECTION, storyId);
    const events = await this.store.readStream(storyStreamId(storyId));
    if (!story && events.length === 0) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `no story ${storyId}` });
    return { story: story ?? null, classification: story?.classification ?? null, events: events.map(publicEvent) };
  }
}
