/** Stream `story-<storyId>`. */
export type StoryDiscovered = {
  type: 'StoryDiscovered';
  data: {
    storyId: string;
    /** The feed that saw it first. */
    feedId: string;
    guid: string | null;
    /** Canonical URL. */
    url: string | null;
    title: string;
    summary: string;
    language: string;
    publishedAt: string;
  };
};

/** A known story's title or summary changed: an edit, never a new discovery. */
export type StoryUpdated = {
  type: 'StoryUpdated';
  data: {
    storyId: string;
    feedId: string;
    title: string;
    summary: string;
    changed: ('title' | 'summary')[];
  };
};



export const storyStreamId = (storyId: string): string => `story-${storyId}`;

/** The classifier's verdict on one version of a story's content. A reclassification appends a new one. */
export type StoryClassified = {
  type: 'StoryClassified';
  data: {
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
  };
};
export type StoryEvent = StoryDiscovered | StoryUpdated | StoryClassified;
