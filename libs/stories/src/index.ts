export * from './story.events';
export * from './story.projection';
export { listStories, readStory, type StoryFilters, type StoryPage } from './story.queries';
export { ClassifyStoryService, classifiedEventId, type ClassifyOutcome } from './classify-story.service';
export { classifyJob, classifyJobId, type StoryContent } from './classify-job';
export { loadClassifier } from './classifier.provider';
export { StoriesModule, CLASSIFIER } from './stories.module';
