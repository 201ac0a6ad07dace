export { loadClassifier } from './classifier.provider';
export { classifyJob } from './classify-job';
export { ClassifyStoryService } from './classify-story.service';
export { CLASSIFIER, StoriesModule } from './stories.module';
export {
  type DiscoveredStory,
  isStoryEvent,
  STORY_EVENT_TYPES,
  STORY_STREAM_PREFIX,
  type StoryClassified,
  type StoryDiscovered,
  type StoryEvent,
  storyStreamId,
  type StoryUpdated,
} from './story.events';
export { evolveStory, STORIES_COLLECTION, storyProjection, type StoryView } from './story.projection';
export { listStories, readStory, type StoryPage } from './story.queries';
