import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsModule } from '@chipwatch/alerts';
import { FeedsModule } from '@chipwatch/feeds';
import { NotificationsModule } from '@chipwatch/notifications';
import { StoriesModule } from '@chipwatch/stories';
import { AlertEvaluatorSubscriber } from './alerts/alert-evaluator.subscriber';
import { AlertProjectionSubscriber } from './alerts/alert-projection.subscriber';
import { FeedScheduler } from './feeds/feed-scheduler.service';
import { FeedStateSubscriber } from './feeds/feed-state.subscriber';
import { PollFeedProcessor } from './feeds/poll-feed.processor';
import { DeliverNotificationProcessor } from './notifications/deliver-notification.processor';
import { NotifyDispatchSubscriber } from './notifications/notify-dispatch.subscriber';
import { SubscriptionProjectionSubscriber } from './notifications/subscription-projection.subscriber';
import { Reconciler } from './reconcile/reconciler.service';
import { ClassifyDispatchSubscriber } from './stories/classify-dispatch.subscriber';
import { ClassifyStoryProcessor } from './stories/classify-story.processor';
import { StoryProjectionSubscriber } from './stories/story-projection.subscriber';

/**
 * Background work: the scheduler, job processors and log subscribers. Needs PlatformModule.
 */
@Module({
  imports: [ScheduleModule.forRoot(), FeedsModule, StoriesModule, AlertsModule, NotificationsModule],
  providers: [
    FeedStateSubscriber,
    FeedScheduler,
    PollFeedProcessor,
    StoryProjectionSubscriber,
    ClassifyDispatchSubscriber,
    ClassifyStoryProcessor,
    AlertEvaluatorSubscriber,
    AlertProjectionSubscriber,
    SubscriptionProjectionSubscriber,
    NotifyDispatchSubscriber,
    DeliverNotificationProcessor,
    Reconciler,
  ],
})
export class WorkerModule {}
