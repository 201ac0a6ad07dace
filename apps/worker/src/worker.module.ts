import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsModule } from '@chipwatch/alerts';
import { FeedsModule } from '@chipwatch/feeds';
import { NotificationsModule } from '@chipwatch/notifications';
import { StoriesModule } from '@chipwatch/stories';
import { AlertEvaluatorSubscriber } from './alerts/alert-evaluator.subscriber';
import { FeedScheduler } from './feeds/feed-scheduler.service';
import { PollFeedProcessor } from './feeds/poll-feed.processor';
import { DeliverNotificationProcessor } from './notifications/deliver-notification.processor';
import { NotifyDispatchSubscriber } from './notifications/notify-dispatch.subscriber';
import { ProjectionSubscribers } from './projections.subscriber';
import { Reconciler } from './reconcile/reconciler.service';
import { ClassifyDispatchSubscriber } from './stories/classify-dispatch.subscriber';
import { ClassifyStoryProcessor } from './stories/classify-story.processor';

/**
 * Background work: the scheduler, job processors and log subscribers. Needs PlatformModule.
 */
@Module({
  imports: [ScheduleModule.forRoot(), FeedsModule, StoriesModule, AlertsModule, NotificationsModule],
  providers: [
    ProjectionSubscribers,
    FeedScheduler,
    PollFeedProcessor,
    ClassifyDispatchSubscriber,
    ClassifyStoryProcessor,
    AlertEvaluatorSubscriber,
    NotifyDispatchSubscriber,
    DeliverNotificationProcessor,
    Reconciler,
  ],
})
export class WorkerModule {}
