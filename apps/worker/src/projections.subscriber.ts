import { Inject, Injectable } from '@nestjs/common';
import { alertProjection } from '@chipwatch/alerts';
import { projectionSubscription, type Event, type EventStore, type Projection, type SubscriptionOptions } from '@chipwatch/event-store';
import { feedStateProjection } from '@chipwatch/feeds';
import { subscriptionProjection } from '@chipwatch/notifications';
import { EVENT_STORE, LOGGER, type Logger } from '@chipwatch/platform';
import { storyProjection } from '@chipwatch/stories';
import { LogSubscriber } from './log-subscriber';

/** Every read model the worker keeps; each lib owns its projection, this only runs them. */
export const PROJECTIONS: readonly Projection<Event, unknown>[] = [
  feedStateProjection,
  storyProjection,
  alertProjection,
  subscriptionProjection,
];

/** Keeps each projection's documents in step with the log, one durable subscription per projection. */
@Injectable()
export class ProjectionSubscribers extends LogSubscriber {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(LOGGER) logger: Logger) {
    super(store, logger);
  }

  protected options(): Omit<SubscriptionOptions<Event>, 'onError'>[] {
    return PROJECTIONS.map(projectionSubscription);
  }
}
