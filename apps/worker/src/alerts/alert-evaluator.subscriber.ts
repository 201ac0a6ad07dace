import { Inject, Injectable } from '@nestjs/common';
import { AlertEvaluator } from '@chipwatch/alerts';
import type { EventStore, SubscriptionOptions } from '@chipwatch/event-store';
import { EVENT_STORE, LOGGER, type Logger } from '@chipwatch/platform';
import { STORY_STREAM_PREFIX, type StoryClassified } from '@chipwatch/stories';
import { LogSubscriber } from '../log-subscriber';

/** Evaluates every StoryClassified against the active rules: AlertRaised / AlertClusterGrew. */
@Injectable()
export class AlertEvaluatorSubscriber extends LogSubscriber {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(LOGGER) logger: Logger,
    private readonly evaluator: AlertEvaluator,
  ) {
    super(store, logger);
  }

  protected options(): SubscriptionOptions<StoryClassified> {
    return {
      name: 'alert-evaluator',
      filter: { types: ['StoryClassified'], streamPrefix: STORY_STREAM_PREFIX },
      batchSize: 100,
      handle: async (events, { documents }) => {
        const appended = await this.evaluator.handle(events, documents);
        if (appended > 0) this.logger.info({ appended, classified: events.length }, 'alerts evaluated');
      },
    };
  }
}
