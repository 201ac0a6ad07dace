import type { DocumentReader } from '@chipwatch/event-store';
import { STORIES_COLLECTION, STORY_TIMELINE_COLLECTION, type StoryView } from './story.projection';

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

const SCAN_BATCH = 200;
/** Bounds one request's work on sparse filters; the page then ends early with a cursor. */
const SCAN_LIMIT = 20_000;

/** Newest first, by discovery. */
export async function listStories(documents: DocumentReader, filters: StoryFilters): Promise<StoryPage> {
  const limit = filters.limit ?? 50;
  const q = filters.q ? fold(filters.q) : undefined;
  const since = filters.since?.toISOString();
  const stories: StoryView[] = [];
  let beforeKey = filters.cursor;
  let scanned = 0;
  for (;;) {
    const keys = await documents.list<string>(STORY_TIMELINE_COLLECTION, { beforeKey, order: 'desc', limit: SCAN_BATCH });
    for (const { key, doc: storyId } of keys) {
      beforeKey = key;
      scanned++;
      const story = await documents.get<StoryView>(STORIES_COLLECTION, storyId);
      if (!story) continue;
      if (since && story.discoveredAt < since) return { stories, next: null };
      if (matches(story, filters, q)) stories.push(story);
      if (stories.length === limit) return { stories, next: key };
    }
    if (keys.length < SCAN_BATCH) return { stories, next: null };
    if (scanned >= SCAN_LIMIT) return { stories, next: beforeKey ?? null };
  }
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
