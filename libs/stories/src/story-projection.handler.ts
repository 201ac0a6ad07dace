import type { DocumentTx, RecordedEvent } from '@chipwatch/event-store';
import type { StoryEvent } from './story.events';
import { evolveStory, STORIES_COLLECTION, STORY_TIMELINE_COLLECTION, timelineKey, type StoryView } from './story.projection';

/** Applies a batch of story events to the story documents (inside a subscription's transaction). */
export async function projectStories(events: readonly RecordedEvent[], documents: DocumentTx): Promise<void> {
  for (const recorded of events) {
    const storyId = (recorded.data as { storyId: string }).storyId;
    const before = await documents.get<StoryView>(STORIES_COLLECTION, storyId);
    const after = evolveStory(before, {
      event: recorded as unknown as StoryEvent,
      position: recorded.position,
      streamVersion: recorded.streamVersion,
      recordedAt: recorded.recordedAt,
    });
    if (!after) continue;
    documents.put(STORIES_COLLECTION, storyId, after);
    if (!before) documents.put(STORY_TIMELINE_COLLECTION, timelineKey(after.discoveredPosition), storyId);
  }
}
