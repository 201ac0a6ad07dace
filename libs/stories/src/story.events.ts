import { eventTypesOf, isEventOf, type Event } from '@chipwatch/event-store';

/** A story as first seen: the StoryDiscovered payload. Field names are persisted: never rename. */
export type DiscoveredStory = {
  /** Derived, never random: from the canonical URL, else feed id + GUID, else feed id + title + date. */
  storyId: string;
  /** The feed that saw it first. */
  feedId: string;
  /** The item's GUID / Atom id / JSON Feed id as published, or null when it has none. */
  guid: string | null;
  /** Canonical URL, or null when the item links nowhere. */
  url: string | null;
  /** Plain text, entities decoded, whitespace folded. */
  title: string;
  /** Plain text, at most 2,000 characters. */
  summary: string;
  /** ISO 639-1, or `und`. */
  language: string;
  /** ISO 8601 UTC: the feed's date, or the first-seen time when it has none that reads. */
  publishedAt: string;
};

/** Stream `story-<storyId>`. */
export type StoryDiscovered = Event<'StoryDiscovered', DiscoveredStory>;

/** A known story's title or summary changed: an edit, never a new discovery. */
export type StoryUpdated = Event<
  'StoryUpdated',
  {
    storyId: string;
    feedId: string;
    title: string;
    summary: string;
    changed: ('title' | 'summary')[];
  }
>;

export const STORY_STREAM_PREFIX = 'story-';
export const storyStreamId = (storyId: string): string => `${STORY_STREAM_PREFIX}${storyId}`;

/** The classifier's verdict on one version of a story's content. A reclassification appends a new one. */
export type StoryClassified = Event<
  'StoryClassified',
  {
    storyId: string;
    /** Hash of the classifier's code version and effective config. */
    classifierVersion: string;
    /** Stream version of the StoryDiscovered/StoryUpdated whose content was classified. */
    contentVersion: number;
    relevant: boolean;
    score: number;
    topic: string;
    subtopics: string[];
    entities: { companies: string[]; products: string[]; agencies: string[]; jurisdictions: string[] };
    evidence: { text: string; field: string; concept: string; weight: number }[];
    language: string;
  }
>;
export type StoryEvent = StoryDiscovered | StoryUpdated | StoryClassified;

export const STORY_EVENT_TYPES = eventTypesOf<StoryEvent>({ StoryDiscovered: true, StoryUpdated: true, StoryClassified: true });
export const isStoryEvent = isEventOf<StoryEvent>(STORY_EVENT_TYPES);
