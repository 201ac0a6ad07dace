import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, SubscriptionOptions } from '@chipwatch/event-store';
import { deliveryJob, DISPATCH_EVENT_TYPES, NotifyDispatcher, type DispatchEvent } from '@chipwatch/notifications';
import { EVENT_STORE, JOB_QUEUE, LOGGER, type Logger } from '@chipwatch/platform';
import type { JobQueue } from '@chipwatch/queue';
import { LogSubscriber } from '../log-subscriber';

/** Who hears of each alert: one `deliver-notification` job per (story cluster, subscription). */
@Injectable()
export class NotifyDispatchSubscriber extends LogSubscriber {
  /** Durable name (persisted checkpoint); the reconciler waits on it. */
  static readonly NAME = 'notify-dispatch';

  private readonly dispatcher: NotifyDispatcher;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(LOGGER) logger: Logger, @Inject(JOB_QUEUE) queue: JobQueue) {
    super(store, logger);
    this.dispatcher = new NotifyDispatcher(async (request) => {
      await queue.enqueue(deliveryJob(request));
    });
  }

  protected options(): SubscriptionOptions<DispatchEvent> {
    return {
      name: NotifyDispatchSubscriber.NAME,
      filter: { types: DISPATCH_EVENT_TYPES },
      batchSize: 200,
      handle: (events, { documents }) => this.dispatcher.handle(events, documents),
    };
  }
}
