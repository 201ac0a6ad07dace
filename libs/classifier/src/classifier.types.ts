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
  /**
   * Canonical names in order of first mention, e.g. ["NVIDIA", "DeepSeek"]. Products of a relevant
   * story also hold the codes the lexicon does not list (L20, NXT:1980i) in its title and the first
   * 600 characters of its summary, after the lexicon's.
   */
  companies: string[];
  products: string[];
  agencies: string[];
  jurisdictions: string[];
}

/**
 * A number the story mentions, the same in every language: "$1.5 billion", "15亿美元" and
 * "1,5 bilhão de dólares" are all `{value: 1500000000, unit: 'USD'}`.
 */
export interface NumberMention {
  value: number;
  /** An ISO 4217 code for amounts ("USD", "CNY"), "%", "nm" (process nodes), "day" | "month" | "year" (durations), else "count". */
  unit: string;
  /** As written ("36家", "$5.5bn"). */
  text: string;
}

/** A date the story mentions, as precise as it is written; never resolved against a clock. */
export interface DateMention {
  /**
   * ISO 8601, reduced to what is written: "2024-12-09", "2024-12", "2024"; without a year,
   * "--12-01" (month and day), "--10" (month); a day of an unnamed month, "---15" (15日).
   */
  date: string;
  /** As written ("December 1", "去年10月"). */
  text: string;
  /** For a date written relative to the publication year ("去年10月", "in October last year"): -1. */
  yearOffset?: number;
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
  /**
   * Amounts, counts, percentages and durations in the title and the first 600 characters of the
   * summary, in order of mention, each once; empty when the story is not relevant.
   */
  numbers: NumberMention[];
  /** Dates, read as `numbers` are. */
  dates: DateMention[];
  /** Primary language subtag: given by the caller, else detected ("und" when unsure). */
  language: string;
  /** Changes whenever the code or the effective config changes. */
  classifierVersion: string;
}

export interface Classifier {
  readonly version: string;
  classify(story: StoryInput): Classification;
}
