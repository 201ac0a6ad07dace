import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, SubscriptionOptions } from '@chipwatch/event-store';
import { EVENT_STORE, LOGGER, type Logger } from '@chipwatch/platform';
import { projectStories, STORY_EVENT_TYPES } from '@chipwatch/stories';
import { LogSubscriber } from '../log-subscriber';

/** Keeps the story documents (GET /stories, the reconciler) in step with story streams. */
@Injectable()
export class StoryProjectionSubscriber extends LogSubscriber {
  /** Durable name (persisted checkpoint); the reconciler waits on it. */
  static readonly NAME = 'stories';

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(LOGGER) logger: Logger) {
    super(store, logger);
  }

  protected options(): SubscriptionOptions {
    return {
      name: StoryProjectionSubscriber.NAME,
      filter: { types: STORY_EVENT_TYPES, streamPrefix: 'story-' },
      batchSize: 500,
      handle: (events, { documents }) => projectStories(events, documents),
    };
  }
}
