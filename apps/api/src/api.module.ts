import { Module } from '@nestjs/common';
import { EventLogService } from './events/event-log.service';
import { EventsController } from './events/events.controller';
import { LiveEventsService } from './events/live-events.service';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';

/** HTTP surface only: controllers validate input and call a service. Needs PlatformModule. */
@Module({
  controllers: [EventsController, HealthController, MetricsController],
  providers: [EventLogService, LiveEventsService],
})
export class ApiModule {}
