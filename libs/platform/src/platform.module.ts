import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@chipwatch/config';
import { systemClock, type Clock } from './clock';
import { openEventStore } from './event-store.factory';
import { EventStoreLifecycle } from './event-store.lifecycle';
import { instrumentEventStore } from './instrumented-event-store';
import type { Logger } from './logger';
import { HealthService } from './health.service';
import { MetricsService } from './metrics.service';
import { JobQueueLifecycle } from './job-queue.lifecycle';
import { openJobQueue } from './job-queue.factory';
import { CLOCK, EVENT_STORE, JOB_QUEUE, LOGGER, SETTINGS } from './platform.tokens';

export interface PlatformOptions {
  settings: Settings;
  logger: Logger;
  /** @defaultValue the system clock */
  clock?: Clock;
}

/** Settings, logger, clock, metrics, the event store and the job queue, shared by every module of one process. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: SETTINGS, useValue: options.settings },
        { provide: LOGGER, useValue: options.logger },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        MetricsService,
        {
          provide: EVENT_STORE,
          inject: [MetricsService],
          useFactory: async (metrics: MetricsService) => instrumentEventStore(await openEventStore(options.settings), metrics),
        },
        EventStoreLifecycle,
        { provide: JOB_QUEUE, useFactory: () => openJobQueue(options.settings, options.logger) },
        JobQueueLifecycle,
        HealthService,
      ],
      exports: [SETTINGS, LOGGER, CLOCK, EVENT_STORE, JOB_QUEUE, MetricsService, HealthService],
    };
  }
}
