import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, SubscriptionOptions } from '@chipwatch/event-store';
import { EVENT_STORE, LOGGER, type Logger } from '@chipwatch/platform';
import { projectStories, STORY_EVENT_TYPES } from '@chipwatch/stories';
import { LogSubscriber } from '../log-subscriber';

/** Keeps the story documents (GET /stories, the reconciler) in step with story streams. */
@Injectable()
export class StoryProjectionSubscriber extends LogSubscriber {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(LOGGER) logger: Logger) {
    super(store, logger);
  }

  protected options(): SubscriptionOptions {
    return {
      name: 'stories',
      filter: { types: STORY_EVENT_TYPES, streamPrefix: 'story-' },
      batchSize: 500,
      handle: (events, { documents }) => projectStories(events, documents),
    };
  }
}
