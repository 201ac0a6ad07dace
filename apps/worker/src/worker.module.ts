import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { FeedsModule } from '@chipwatch/feeds';
import { StoriesModule } from '@chipwatch/stories';
import { FeedScheduler } from './feeds/feed-scheduler.service';
import { FeedStateSubscriber } from './feeds/feed-state.subscriber';
import { PollFeedProcessor } from './feeds/poll-feed.processor';
import { Reconciler } from './reconcile/reconciler.service';
import { ClassifyDispatchSubscriber } from './stories/classify-dispatch.subscriber';
import { ClassifyStoryProcessor } from './stories/classify-story.processor';
import { StoryProjectionSubscriber } from './stories/story-projection.subscriber';

/**
 * Background work: the scheduler, job processors and log subscribers. Needs PlatformModule.
 */
@Module({
  imports: [ScheduleModule.forRoot(), FeedsModule, StoriesModule],
  providers: [
    FeedStateSubscriber,
    FeedScheduler,
    PollFeedProcessor,
    StoryProjectionSubscriber,
    ClassifyDispatchSubscriber,
    ClassifyStoryProcessor,
    Reconciler,
  ],
})
export class WorkerModule {}
