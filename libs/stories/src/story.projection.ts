import type { DiscoveredStory, StoryClassified, StoryEvent } from './story.events';

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

export interface RecordedStoryEvent {
  event: StoryEvent;
  position: number;
  streamVersion: number;
  recordedAt: string;
}

/** Pure fold of one story event; undefined state before StoryDiscovered. */
export function evolveStory(state: StoryView | undefined, { event, position, streamVersion, recordedAt }: RecordedStoryEvent): StoryView | undefined {
  switch (event.type) {
    case 'StoryDiscovered':
      return {
        ...event.data,
        discoveredAt: recordedAt,
        discoveredPosition: position,
        updatedAt: null,
        contentVersion: streamVersion,
        classification: null,
      };
    case 'StoryUpdated':
      if (!state) return state;
      return { ...state, title: event.data.title, summary: event.data.summary, updatedAt: recordedAt, contentVersion: streamVersion };
    case 'StoryClassified':
      if (!state) return state;
      return { ...state, classification: { ...event.data, classifiedAt: recordedAt } };
  }
}

export function timelineKey(position: number): string {
  return position.toString().padStart(15, '0');
}
