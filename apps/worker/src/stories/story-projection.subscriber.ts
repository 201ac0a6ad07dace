import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore, Subscription } from '@chipwatch/event-store';
import { EVENT_STORE, LOGGER, type Logger } from '@chipwatch/platform';
import { projectStories, STORY_EVENT_TYPES } from '@chipwatch/stories';

/** Keeps the story documents (GET /stories, the reconciler) in step with story streams. */
@Injectable()
export class StoryProjectionSubscriber implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription: Subscription | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.store.subscribe({
      name: 'stories',
      filter: { types: STORY_EVENT_TYPES, streamPrefix: 'story-' },
      batchSize: 500,
      onError: (error, attempt) => this.logger.error({ err: error, attempt, subscription: 'stories' }, 'projection batch failed; retrying'),
      handle: (events, { documents }) => projectStories(events, documents),
    });
  }

  caughtUp(timeoutMs?: number): Promise<void> {
    return this.subscription ? this.subscription.caughtUp(timeoutMs) : Promise.resolve();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }
}
