import { createHash } from 'node:crypto';
import type { Classifier } from '@chipwatch/classifier';
import type { EventMetadata, EventStore } from '@chipwatch/event-store';
import { storyStreamId, type StoryClassified } from './story.events';
import { readStory } from './story.queries';

export type ClassifyOutcome =
  { status: 'classified'; classification: StoryClassified['data'] } | { status: 'unchanged' } | { status: 'missing' };

/**
 * Classifies a story's current content with the current classifier and records it, once per
 * (content version, classifier version): the event id is derived from both, so a retried or
 * repeated job appends nothing, and a new classifier version appends a new verdict.
 */
export class ClassifyStoryService {
  constructor(
    private readonly store: EventStore,
    private readonly classifier: () => Classifier,
  ) {}

  async classify(storyId: string, metadata: EventMetadata = {}): Promise<ClassifyOutcome> {
    const story = await readStory(this.store, storyId);
    if (!story) return { status: 'missing' };
    const classifier = this.classifier();
    const latest = story.classification;
    // An older verdict for the same pair (a classifier rolled back) has the same event id: appended as a duplicate, nothing written.
    if (latest?.classifierVersion === classifier.version && latest.contentVersion === story.contentVersion) return { status: 'unchanged' };
    const language = story.language === 'und' ? undefined : story.language;
    const result = classifier.classify({ title: story.title, summary: story.summary, language });
    const classification: StoryClassified['data'] = {
      storyId,
      classifierVersion: result.classifierVersion,
      contentVersion: story.contentVersion,
      relevant: result.relevant,
      score: result.score,
      topic: result.topic,
      subtopics: result.subtopics,
      entities: result.entities,
      evidence: result.evidence,
      language: result.language,
    };
    const appended = await this.store.append(storyStreamId(storyId), [
      {
        id: classifiedEventId(storyId, story.contentVersion, result.classifierVersion),
        type: 'StoryClassified',
        data: classification,
        metadata,
      },
    ]);
    return appended.duplicate ? { status: 'unchanged' } : { status: 'classified', classification };
  }
}

export function classifiedEventId(storyId: string, contentVersion: number, classifierVersion: string): string {
  const digest = createHash('sha256').update(`${storyId}:${contentVersion}:${classifierVersion}`).digest('hex').slice(0, 24);
  return `StoryClassified:${storyId}:${digest}`;
}
