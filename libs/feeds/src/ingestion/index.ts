export * from './feeds-config.schema';
export * from './feed.events';
export * from './feed-state.projection';
export { StoryRecorder, type RecordedStories, type StoryRecorderOptions } from './story-recorder';
export { FeedPoller, type FeedPollerDeps, type PollRecord, type PollRequest } from './feed-poller';
export { FeedCatalog, type FeedCatalogEvents } from './feed-catalog';
export { HostLimiter } from './host-limiter';
export { feedHealth, readFeedStates, type FeedHealth } from './feed-health';
export { pollFeedJob, type PollReason } from './poll-feed-job';
