export { decodeFeedBytes } from './feed-decoder';
export { FeedFetcher } from './feed-fetcher';
export { FeedParser } from './feed-parser';
export { ingestBody } from './feed-poll';
export { FeedsModule } from './feeds.module';
export { FeedCatalog } from './ingestion/feed-catalog';
export { feedHealth, type FeedHealth, readFeedStates } from './ingestion/feed-health';
export { FeedPoller } from './ingestion/feed-poller';
export { FEED_STATE_COLLECTION, type FeedState, feedStateProjection } from './ingestion/feed-state.projection';
export {
  FEED_EVENT_TYPES,
  FEED_STREAM_PREFIX,
  type FeedEvent,
  type FeedPolled,
  type FeedPollFailed,
  feedStreamId,
  isFeedEvent,
} from './ingestion/feed.events';
export type { FeedDefinition } from './ingestion/feeds-config.schema';
export { HostLimiter } from './ingestion/host-limiter';
export { pollFeedJob } from './ingestion/poll-feed-job';
export { StoryRecorder } from './ingestion/story-recorder';
export { ParseWorkerPool, RSS_PARSER_OPTIONS } from './parse-worker';
export { storyIdFromUrl } from './story-normaliser';
