import { pageTimeline, type DocumentReader, type EventStore } from '@chipwatch/event-store';
import { storyStreamId, type StoryEvent } from './story.events';
import { evolveStory, STORIES_COLLECTION, STORY_TIMELINE_COLLECTION, type StoryView } from './story.projection';

/**
 * A story folded from its stream, read from the log rather than the projection (which may lag):
 * for decisions about it. `asOf` stops at a position, so a later edit cannot change what an
 * earlier decision saw.
 */
export async function readStory(store: Pick<EventStore, 'readStream'>, storyId: string, asOf?: number): Promise<StoryView | undefined> {
  let story: StoryView | undefined;
  for (const event of await store.readStream<StoryEvent>(storyStreamId(storyId))) {
    if (asOf !== undefined && event.position > asOf) break;
    story = evolveStory(story, event);
  }
  return story;
}

export interface StoryFilters {
  relevant?: boolean;
  /** Discovered at or after this instant. */
  since?: Date;
  language?: string;
  feed?: string;
  /** Case-insensitive text in title or summary. */
  q?: string;
  /** From a previous page's `next`. */
  cursor?: string;
  /** @defaultValue 50 */
  limit?: number;
}

export interface StoryPage {
  stories: StoryView[];
  /** Pass as `cursor` for older stories; null at the end. */
  next: string | null;
}

/** Newest first, by discovery. */
export async function listStories(documents: DocumentReader, filters: StoryFilters): Promise<StoryPage> {
  const q = filters.q ? fold(filters.q) : undefined;
  const since = filters.since?.toISOString();
  const page = await pageTimeline<StoryView>(documents, {
    timeline: STORY_TIMELINE_COLLECTION,
    items: STORIES_COLLECTION,
    cursor: filters.cursor,
    limit: filters.limit ?? 50,
    isPast: (story) => since !== undefined && story.discoveredAt < since,
    matches: (story) => matches(story, filters, q),
  });
  return { stories: page.items, next: page.next };
}

function matches(story: StoryView, filters: StoryFilters, q: string | undefined): boolean {
  if (filters.relevant !== undefined && (story.classification?.relevant ?? false) !== filters.relevant) return false;
  if (filters.language && story.language !== filters.language && story.classification?.language !== filters.language) return false;
  if (filters.feed && story.feedId !== filters.feed) return false;
  return q === undefined || fold(`${story.title}\n${story.summary}`).includes(q);
}

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
