import { Inject, Injectable } from '@nestjs/common';
import type { Classifier } from '@chipwatch/classifier';
import type { EventStore, SubscriptionOptions } from '@chipwatch/event-store';
import { EVENT_STORE, JOB_QUEUE, LOGGER, type Logger } from '@chipwatch/platform';
import type { JobQueue } from '@chipwatch/queue';
import { CLASSIFIER, classifyJob, STORY_STREAM_PREFIX, type StoryDiscovered, type StoryUpdated } from '@chipwatch/stories';
import { LogSubscriber } from '../log-subscriber';

/**
 * Turns each StoryDiscovered/StoryUpdated into a `classify-story` job, triaged (likely off-topic
 * stories in the background, see `classifyJob`). The checkpoint moves after the enqueues
 * (at-least-once), and the job id is derived from the story, its content version and the
 * classifier version, so a replayed batch adds nothing. A batch's enqueues go out together
 * (BullMQ pipelines them on one connection) rather than one round trip after another.
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

  protected options(): SubscriptionOptions<StoryDiscovered | StoryUpdated> {
    return {
      name: 'classify-dispatch',
      filter: { types: ['StoryDiscovered', 'StoryUpdated'], streamPrefix: STORY_STREAM_PREFIX },
      batchSize: 200,
      handle: async (events) => {
        await Promise.all(
          events.map((event) => {
            const { data } = event;
            // An edit keeps the language the story was discovered in: the classifier detects it again.
            const language = event.type === 'StoryDiscovered' ? event.data.language : undefined;
            const story = {
              storyId: data.storyId,
              contentVersion: event.streamVersion,
              title: data.title,
              summary: data.summary,
              language,
            };
            return this.queue.enqueue(classifyJob(story, this.classifier));
          }),
        );
      },
    };
  }
}
