import type { Classification, Classifier } from '@chipwatch/classifier';
import { ClusterIndex, type ClusterIndexOptions } from './story-clustering';

/**
 * `chipwatch cluster` without its I/O, and what `npm run eval:clusters` measures: classify each
 * story, then take the stories in publishedAt order (ties in input order) through one
 * ClusterIndex, as the live evaluator would have seen them arrive, and answer in input order.
 */

/** One input line: `{id, title, summary, lang?, url?, feedId?, publishedAt?}`. */
export interface OfflineStory {
  id: string;
  title: string;
  summary?: string;
  /** BCP 47; detected from the text when absent. */
  lang?: string;
  url?: string | null;
  feedId?: string;
  /**
   * ISO 8601. A story without one is taken as published when the story before it in the input
   * was (the first as the earliest time in the input), so an undated file clusters by content.
   */
  publishedAt?: string;
}

export interface OfflineVerdict {
  id: string;
  relevant: boolean;
  /** The first member's id; null when the story is not relevant (it is not clustered). */
  clusterId: string | null;
  classification: Classification;
}

/** A publishedAt that is not ISO 8601. */
export class OfflineStoryError extends Error {
  readonly code = 'invalid-time';
  constructor(
    readonly id: string,
    readonly publishedAt: string,
  ) {
    super(`story ${id}: publishedAt "${publishedAt}" is not an ISO 8601 time`);
    this.name = 'OfflineStoryError';
  }
}

export interface OfflineClusteringOptions extends ClusterIndexOptions {
  /**
   * Cluster by canonical URL and near-identical title only, as before event signatures: the
   * baseline `npm run eval:clusters` prints.
   * @defaultValue false
   */
  titlesOnly?: boolean;
}

export function clusterStories(stories: readonly OfflineStory[], classifier: Classifier, options: OfflineClusteringOptions = {}): OfflineVerdict[] {
  const times = stories.map((s) => {
    if (s.publishedAt === undefined) return Number.NaN;
    const ms = Date.parse(s.publishedAt);
    if (Number.isNaN(ms)) throw new OfflineStoryError(s.id, s.publishedAt);
    return ms;
  });
  const earliest = times.reduce((min, ms) => (ms < min ? ms : min), Number.POSITIVE_INFINITY);
  let previous = Number.isFinite(earliest) ? earliest : 0;
  for (let i = 0; i < times.length; i++) {
    if (Number.isNaN(times[i])) times[i] = previous;
    previous = times[i];
  }
  const classifications = stories.map((s) => classifier.classify({ title: s.title, summary: s.summary, language: s.lang }));
  // Array.prototype.sort is stable: equal times keep their input order.
  const order = stories.map((_, i) => i).sort((a, b) => times[a] - times[b]);
  const index = new ClusterIndex(options);
  const clusterIds: (string | null)[] = new Array<string | null>(stories.length).fill(null);
  for (const i of order) {
    const story = stories[i];
    const classification = classifications[i];
    if (!classification.relevant) continue;
    const at = new Date(times[i]).toISOString();
    clusterIds[i] = index.assign({
      storyId: story.id,
      url: story.url ?? null,
      title: story.title,
      summary: story.summary,
      language: classification.language,
      publishedAt: at,
      at,
      classification: options.titlesOnly ? undefined : classification,
    });
  }
  return stories.map((s, i) => ({ id: s.id, relevant: classifications[i].relevant, clusterId: clusterIds[i], classification: classifications[i] }));
}
