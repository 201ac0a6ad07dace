import type { Projection, Recorded } from '@chipwatch/event-store';
import { STORY_EVENT_TYPES, STORY_STREAM_PREFIX, type DiscoveredStory, type StoryClassified, type StoryEvent } from './story.events';

/** Story documents by story id. */
export const STORIES_COLLECTION = 'stories';
/** Story ids by zero-padded discovery position: newest-first paging without sorting. */
export const STORY_TIMELINE_COLLECTION = 'story-timeline';

export interface StoryView extends DiscoveredStory {
  discoveredAt: string;
  /** Global position of StoryDiscovered: the timeline key. */
  discoveredPosition: number;
  updatedAt: string | null;
  /** Stream version of the latest StoryDiscovered/StoryUpdated. */
  contentVersion: number;
  /** The latest classification, whatever content version it was for. */
  classification: (StoryClassified['data'] & { classifiedAt: string }) | null;
}

/** Pure fold of one story event; undefined state before StoryDiscovered. */
export function evolveStory(state: StoryView | undefined, event: Recorded<StoryEvent>): StoryView | undefined {
  switch (event.type) {
    case 'StoryDiscovered':
      return {
        ...event.data,
        discoveredAt: event.recordedAt,
        discoveredPosition: event.position,
        updatedAt: null,
        contentVersion: event.streamVersion,
        classification: null,
      };
    case 'StoryUpdated':
      if (!state) return state;
      return {
        ...state,
        title: event.data.title,
        summary: event.data.summary,
        updatedAt: event.recordedAt,
        contentVersion: event.streamVersion,
      };
    case 'StoryClassified':
      if (!state) return state;
      return { ...state, classification: { ...event.data, classifiedAt: event.recordedAt } };
  }
}

/** Story documents (GET /stories, the reconciler), with a discovery timeline for newest-first paging. */
export const storyProjection: Projection<StoryEvent, StoryView> = {
  name: 'stories',
  collection: STORIES_COLLECTION,
  filter: { types: STORY_EVENT_TYPES, streamPrefix: STORY_STREAM_PREFIX },
  key: (event) => event.data.storyId,
  evolve: evolveStory,
  index: { collection: STORY_TIMELINE_COLLECTION, key: (story) => timelineKey(story.discoveredPosition) },
};

export function timelineKey(position: number): string {
  return position.toString().padStart(15, '0');
}
