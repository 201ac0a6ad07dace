import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@chipwatch/event-store';
import { EVENT_STORE, LOGGER } from './platform.tokens';
import type { Logger } from './logger';

/**
 * Closes the store last: Nest runs every `beforeApplicationShutdown` (where workers drain) before
 * any `onApplicationShutdown`.
 */
@Injectable()
export class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.info({ store: this.store.kind }, 'event store closed');
  }
}
