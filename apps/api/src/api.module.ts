import { Module } from '@nestjs/common';
import { AlertsModule } from '@chipwatch/alerts';
import { FeedsModule } from '@chipwatch/feeds';
import { NotificationsModule } from '@chipwatch/notifications';
import { AlertReaderService } from './alerts/alert-reader.service';
import { AlertsController } from './alerts/alerts.controller';
import { EventLogService } from './events/event-log.service';
import { EventsController } from './events/events.controller';
import { LiveEventsService } from './events/live-events.service';
import { FeedHealthService } from './feeds/feed-health.service';
import { FeedsController } from './feeds/feeds.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { RulesController } from './rules/rules.controller';
import { RulesService } from './rules/rules.service';
import { StoriesController } from './stories/stories.controller';
import { StoryReaderService } from './stories/story-reader.service';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { StaticSubscribersLifecycle } from './subscriptions/static-subscribers.lifecycle';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/** HTTP surface only: controllers validate input and call a service. Needs PlatformModule. */
@Module({
  imports: [FeedsModule, AlertsModule, NotificationsModule],
  controllers: [
    EventsController,
    FeedsController,
    StoriesController,
    AlertsController,
    RulesController,
    SubscriptionsController,
    HealthController,
    MetricsController,
  ],
  providers: [
    EventLogService,
    LiveEventsService,
    FeedHealthService,
    StoryReaderService,
    AlertReaderService,
    RulesService,
    SubscriptionsService,
    StaticSubscribersLifecycle,
  ],
})
export class ApiModule {}
