import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifierConfigSchema, createClassifier, type Classifier } from '@chipwatch/classifier';
import { loadShippedYamlConfig } from '@chipwatch/config';
import { parseLabelledClusterJsonl, type LabelledClusterStory } from '../cluster-evaluation';
import type { ClusterableStory } from '../story-clustering';

/**
 * The shared clustering dev set (test/fixtures/clusters/dev.jsonl: labelled articles of about 20
 * real events, in eight languages), classified by the shipped classifier, for specs.
 */

export const DEV_SET_FILE = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'clusters', 'dev.jsonl');

let cached: { classifier: Classifier; stories: LabelledClusterStory[] } | undefined;

export function devSet(): { classifier: Classifier; stories: LabelledClusterStory[] } {
  cached ??= {
    classifier: createClassifier(loadShippedYamlConfig('classifier.yaml', classifierConfigSchema)),
    stories: parseLabelledClusterJsonl(readFileSync(DEV_SET_FILE, 'utf8'), DEV_SET_FILE),
  };
  return cached;
}

/** A dev-set story as the live evaluator would see it: classified, at its publication time. */
export function devStory(id: string): ClusterableStory {
  const { classifier, stories } = devSet();
  const story = stories.find((s) => s.id === id);
  if (!story) throw new Error(`no story ${id} in the dev set`);
  const classification = classifier.classify({ title: story.title, summary: story.summary, language: story.lang });
  return {
    storyId: story.id,
    url: story.url ?? null,
    title: story.title,
    summary: story.summary,
    language: classification.language,
    publishedAt: story.publishedAt,
    at: story.publishedAt!,
    classification,
  };
}
