import { Inject, Injectable } from '@nestjs/common';
import type { Classifier } from '@chipwatch/classifier';
import type { EventStore, SubscriptionOptions } from '@chipwatch/event-store';
import { EVENT_STORE, JOB_QUEUE, LOGGER, type Logger } from '@chipwatch/platform';
import type { JobQueue } from '@chipwatch/queue';
import { CLASSIFIER, classifyJobId } from '@chipwatch/stories';
import { LogSubscriber } from '../log-subscriber';

/**
 * Turns each StoryDiscovered/StoryUpdated into a `classify-story` job. The checkpoint moves after
 * the enqueue (at-least-once), and the job id is derived from the story, its content version and
 * the classifier version, so a replayed batch adds nothing.
 */
@Injectable()
export class ClassifyDispatchSubscriber extends LogSubscriber {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(LOGGER) logger: Logger,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CLASSIFIER) private readonly classifier: Classifier,
  ) {
    super(store, logger);
  }

  protected options(): SubscriptionOptions {
    return {
      name: 'classify-dispatch',
      filter: { types: ['StoryDiscovered', 'StoryUpdated'], streamPrefix: 'story-' },
      batchSize: 200,
      handle: async (events) => {
        for (const event of events) {
          const storyId = (event.data as { storyId: string }).storyId;
          await this.queue.enqueue({ name: 'classify-story', jobId: classifyJobId(storyId, event.streamVersion, this.classifier.version), data: { storyId } });
        }
      },
    };
  }
}
