import type { EventStore } from '@chipwatch/event-store';
import { STORY_EVENT_TYPES, STORY_STREAM_PREFIX, type StoryEvent } from '@chipwatch/stories';
import type { ClassifiedStory } from '../alert-evaluation';

type Content = Omit<ClassifiedStory, 'classification' | 'at'>;

/**
 * Every StoryClassified in log order, with the story's content as it was at that point: what the
 * live evaluator saw. One sequential scan of the story events, so 100k stories take seconds.
 */
export async function loadClassifiedHistory(store: EventStore, until?: string): Promise<ClassifiedStory[]> {
  const content = new Map<string, Content>();
  const history: ClassifiedStory[] = [];
  let after = 0;
  for (;;) {
    const page = await store.readAll<StoryEvent>({ after, limit: 5000, types: STORY_EVENT_TYPES, streamPrefix: STORY_STREAM_PREFIX });
    for (const event of page) {
      if (until && event.recordedAt > until) return history;
      if (event.type === 'StoryDiscovered') {
        const { data } = event;
        content.set(data.storyId, {
          storyId: data.storyId,
          feedId: data.feedId,
          title: data.title,
          summary: data.summary,
          language: data.language,
          url: data.url,
          publishedAt: data.publishedAt,
        });
      } else if (event.type === 'StoryUpdated') {
        const known = content.get(event.data.storyId);
        if (known) content.set(event.data.storyId, { ...known, title: event.data.title, summary: event.data.summary });
      } else {
        const known = content.get(event.data.storyId);
        if (!known) continue;
        const classification = event.data;
        history.push({ ...known, language: classification.language || known.language, at: event.recordedAt, classification });
      }
    }
    if (page.length < 5000) return history;
    after = page[page.length - 1].position;
  }
}
