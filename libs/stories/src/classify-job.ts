import type { Classifier } from '@chipwatch/classifier';
import type { JobRequest } from '@chipwatch/queue';

declare module '@chipwatch/queue' {
  interface JobMap {
    /** Classify one story's current content with the current classifier version. */
    'classify-story': { storyId: string };
  }
}

/** What a story's current content version says, as the log's story events carry it. */
export interface StoryContent {
  storyId: string;
  /** Stream version of the StoryDiscovered/StoryUpdated holding this content. */
  contentVersion: number;
  title: string;
  summary: string;
  /** ISO 639-1 as discovered; `und` or absent lets the classifier detect it. */
  language?: string;
}

/** The `classify-story` job id: one job per story content and classifier version. */
export function classifyJobId(storyId: string, contentVersion: number, classifierVersion: string): string {
  return `classify-story:${storyId}:${contentVersion}:${classifierVersion}`;
}

/**
 * The `classify-story` job for one content version, triaged: a story the classifier would not
 * flag goes in the background, so that under a burst (a long feed list added at once, the
 * backlog after an outage) the on-topic stories are classified, and alerted, first instead of
 * behind thousands of others. Triage runs the classifier itself, which is cheap enough
 * (`classify.throughput` in `npm run bench`, ~16k stories/s on one core); the job still
 * classifies the stored content and records the verdict, so a wrong guess costs order, never a
 * verdict.
 */
export function classifyJob(story: StoryContent, classifier: Classifier): JobRequest<'classify-story'> {
  const language = story.language === 'und' ? undefined : story.language;
  const likelyOnTopic = classifier.classify({ title: story.title, summary: story.summary, language }).relevant;
  return {
    name: 'classify-story',
    jobId: classifyJobId(story.storyId, story.contentVersion, classifier.version),
    data: { storyId: story.storyId },
    background: !likelyOnTopic,
  };
}
