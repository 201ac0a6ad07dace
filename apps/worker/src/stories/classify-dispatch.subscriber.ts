import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore, Subscription } from '@chipwatch/event-store';
import { EVENT_STORE, JOB_QUEUE, LOGGER, type Logger } from '@chipwatch/platform';
import type { JobQueue } from '@chipwatch/queue';
import type { Classifier } from '@chipwatch/classifier';
import { CLASSIFIER, classifyJobId } from '@chipwatch/stories';

/**
 * Turns each StoryDiscovered/StoryUpdated into a `classify-story` job. The checkpoint moves after
 * the enqueue (at-least-once), and the job id is derived from the story, its content version and
 * the classifier version, so a replayed batch adds nothing.
 */
@Injectable()
export class ClassifyDispatchSubscriber implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription: Subscription | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLASSIFIER) private readonly classifier: Classifier,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.store.subscribe({
      name: 'classify-dispatch',
      filter: { types: ['StoryDiscovered', 'StoryUpdated'], streamPrefix: 'story-' },
      batchSize: 200,
      onError: (error, attempt) => this.logger.error({ err: error, attempt, subscription: 'classify-dispatch' }, 'dispatch failed; retrying'),
      handle: async (events) => {
        for (const event of events) {
          const storyId = (event.data as { storyId: string }).storyId;
          await this.queue.enqueue({ name: 'classify-story', jobId: classifyJobId(storyId, event.streamVersion, this.classifier.version), data: { storyId } });
        }
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }
}
