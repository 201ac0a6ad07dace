import type { EventStore } from '@chipwatch/event-store';
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
    const page = await store.readAll({ after, limit: 5000, types: ['StoryDiscovered', 'StoryUpdated', 'StoryClassified'], streamPrefix: 'story-' });
    for (const event of page) {
      if (until && event.recordedAt > until) return history;
      const data = event.data as Record<string, never>;
      if (event.type === 'StoryDiscovered') {
        content.set(data.storyId, { storyId: data.storyId, feedId: data.feedId, title: data.title, summary: data.summary, language: data.language, url: data.url });
      } else if (event.type === 'StoryUpdated') {
        const known = content.get(data.storyId);
        if (known) content.set(data.storyId, { ...known, title: data.title, summary: data.summary });
      } else {
        const known = content.get(data.storyId);
        if (!known) continue;
        const classification = data as unknown as ClassifiedStory['classification'] & { language: string };
        history.push({ ...known, language: classification.language || known.language, at: event.recordedAt, classification });
      }
    }
    if (page.length < 5000) return history;
    after = page[page.length - 1].position;
  }
}
