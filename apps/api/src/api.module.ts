import { Module } from '@nestjs/common';
import { FeedsModule } from '@chipwatch/feeds';
import { EventLogService } from './events/event-log.service';
import { EventsController } from './events/events.controller';
import { LiveEventsService } from './events/live-events.service';
import { FeedHealthService } from './feeds/feed-health.service';
import { FeedsController } from './feeds/feeds.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { StoriesController } from './stories/stories.controller';
import { StoryReaderService } from './stories/story-reader.service';

/** HTTP surface only: controllers validate input and call a service. Needs PlatformModule. */
@Module({
  imports: [FeedsModule],
  controllers: [EventsController, FeedsController, StoriesController, HealthController, MetricsController],
  providers: [EventLogService, LiveEventsService, FeedHealthService, StoryReaderService],
})
export class ApiModule {}
