import { createHash } from 'node:crypto';
import type { Classifier } from '@chipwatch/classifier';
import type { EventMetadata, EventStore, RecordedEvent } from '@chipwatch/event-store';
import { storyStreamId, type StoryClassified, type StoryDiscovered, type StoryUpdated } from './story.events';

export type ClassifyOutcome =
  | { status: 'classified'; classification: StoryClassified['data'] }
  | { status: 'unchanged' }
  | { status: 'missing' };

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
    const events = await this.store.readStream(storyStreamId(storyId));
    const content = latestContent(events);
    if (!content) return { status: 'missing' };
    const classifier = this.classifier();
    const already = events.some(
      (e) =>
        e.type === 'StoryClassified' &&
        (e.data as StoryClassified['data']).classifierVersion === classifier.version &&
        (e.data as StoryClassified['data']).contentVersion === content.version,
    );
    if (already) return { status: 'unchanged' };
    const result = classifier.classify({ title: content.title, summary: content.summary, language: content.language });
    const classification: StoryClassified['data'] = {
      storyId,
      classifierVersion: result.classifierVersion,
      contentVersion: content.version,
      relevant: result.relevant,
      score: result.score,
      topic: result.topic,
      subtopics: result.subtopics,
      entities: result.entities,
      evidence: result.evidence,
      language: result.language,
    };
    await this.store.append(storyStreamId(storyId), [
      { id: classifiedEventId(storyId, content.version, result.classifierVersion), type: 'StoryClassified', data: classification, metadata },
    ]);
    return { status: 'classified', classification };
  }
}

export function classifiedEventId(storyId: string, contentVersion: number, classifierVersion: string): string {
  const digest = createHash('sha256').update(`${storyId}:${contentVersion}:${classifierVersion}`).digest('hex').slice(0, 24);
  return `StoryClassified:${storyId}:${digest}`;
}

interface Content {
  version: number;
  title: string;
  summary: string;
  language?: string;
}

function latestContent(events: readonly RecordedEvent[]): Content | undefined {
  let content: Content | undefined;
  for (const event of events) {
    if (event.type === 'StoryDiscovered') {
      const data = event.data as StoryDiscovered['data'];
      content = { version: event.streamVersion, title: data.title, summary: data.summary, language: data.language === 'und' ? undefined : data.language };
    } else if (event.type === 'StoryUpdated' && content) {
      const data = event.data as StoryUpdated['data'];
      content = { ...content, version: event.streamVersion, title: data.title, summary: data.summary };
    }
  }
  return content;
}
