import type { Subtopic } from './classifier.schema';

/** The only topic this classifier knows; part of every result so events stay self-describing. */
export const TOPIC = 'ai-chip-export-controls' as const;
export type Topic = typeof TOPIC;

export interface StoryInput {
  title: string;
  /** Feed summary or article body; 1–3 KB is typical. */
  summary?: string;
  /** BCP 47 tag from the feed, if any ("pt-BR"); detected from the text when absent. */
  language?: string;
}

export type StoryField = 'title' | 'summary';

export interface Evidence {
  /** The words in the story, as written (not normalised). */
  text: string;
  field: StoryField;
  /** Concept id from the config ("export-control", "ai-chip"...). */
  concept: string;
  /** Log-odds this concept contributed (negative for look-alike markers). */
  weight: number;
}

export interface Entities {
  /** Canonical names in order of first mention, e.g. ["NVIDIA", "DeepSeek"]. */
  companies: string[];
  products: string[];
  agencies: string[];
  jurisdictions: string[];
}

export interface Classification {
  relevant: boolean;
  /** Probability-like score in [0, 1]; relevant when ≥ the configured threshold. */
  score: number;
  topic: Topic;
  /** Strongest first; empty when the story is not relevant. */
  subtopics: Subtopic[];
  entities: Entities;
  /** Strongest first, at most `maxEvidence` items. */
  evidence: Evidence[];
  /** Primary language subtag: given by the caller, else detected ("und" when unsure). */
  language: string;
  /** Changes whenever the code or the effective config changes. */
  classifierVersion: string;
}

export interface Classifier {
  readonly version: string;
  classify(story: StoryInput): Classification;
}
