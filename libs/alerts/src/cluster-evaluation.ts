import type { OfflineStory, OfflineVerdict } from './offline-clustering';

/**
 * Measuring story clustering against labelled events (JSON Lines with the gold `event` key and
 * `lang`). Pure: the caller reads the file and clusters (clusterStories). Shared by
 * scripts/eval-clusters.ts and the regression spec.
 */

export interface LabelledClusterStory extends OfflineStory {
  /** The gold key: stories with the same event report the same real-world event. */
  event: string;
  lang: string;
}

export interface PairRecall {
  pairs: number;
  joined: number;
  recall: number;
}

export interface ClusterMetrics {
  stories: number;
  clusters: number;
  /** B-cubed over every story; a story that is not clustered counts as alone. */
  bcubed: { precision: number; recall: number; f1: number };
  /** Pairs of stories of one event, in two languages / in one language: how many share a cluster. */
  crossLanguage: PairRecall;
  sameLanguage: PairRecall;
  /**
   * Pairs of stories of different events that name a company or product in common (the
   * classifier's canonical names): how many were wrongly put in one cluster.
   */
  confusable: { pairs: number; joined: number; share: number; examples: [string, string][] };
}

/** Parse JSON Lines, naming the line of any malformed record. */
export function parseLabelledClusterJsonl(text: string, source = 'input'): LabelledClusterStory[] {
  const out: LabelledClusterStory[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: Partial<LabelledClusterStory>;
    try {
      row = JSON.parse(line) as Partial<LabelledClusterStory>;
    } catch (e) {
      throw new Error(`${source}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (typeof row.id !== 'string' || typeof row.title !== 'string' || typeof row.event !== 'string' || typeof row.lang !== 'string') {
      throw new Error(`${source}:${i + 1}: expected {id, event, lang, title, ...}`);
    }
    out.push(row as LabelledClusterStory);
  });
  return out;
}

/** @param verdicts one per story, in the same order */
export function evaluateClustering(stories: readonly LabelledClusterStory[], verdicts: readonly OfflineVerdict[]): ClusterMetrics {
  const cluster = verdicts.map((v) => v.clusterId ?? `alone:${v.id}`);
  const size = countBy(cluster);
  const goldSize = countBy(stories.map((s) => s.event));
  const both = countBy(stories.map((s, i) => `${s.event}\u0000${cluster[i]}`));
  let precision = 0;
  let recall = 0;
  stories.forEach((s, i) => {
    const overlap = both.get(`${s.event}\u0000${cluster[i]}`)!;
    precision += overlap / size.get(cluster[i])!;
    recall += overlap / goldSize.get(s.event)!;
  });
  precision /= stories.length;
  recall /= stories.length;

  const cross = { pairs: 0, joined: 0 };
  const same = { pairs: 0, joined: 0 };
  const confusable = { pairs: 0, joined: 0, examples: [] as [string, string][] };
  const names = verdicts.map((v) => new Set([...v.classification.entities.companies, ...v.classification.entities.products]));
  for (let i = 0; i < stories.length; i++) {
    for (let j = i + 1; j < stories.length; j++) {
      const together = cluster[i] === cluster[j];
      if (stories[i].event === stories[j].event) {
        const tally = stories[i].lang === stories[j].lang ? same : cross;
        tally.pairs++;
        if (together) tally.joined++;
      } else if ([...names[i]].some((name) => names[j].has(name))) {
        confusable.pairs++;
        if (together) {
          confusable.joined++;
          confusable.examples.push([stories[i].id, stories[j].id]);
        }
      }
    }
  }
  return {
    stories: stories.length,
    clusters: size.size,
    bcubed: { precision, recall, f1: (2 * precision * recall) / (precision + recall) },
    crossLanguage: { ...cross, recall: ratio(cross.joined, cross.pairs) },
    sameLanguage: { ...same, recall: ratio(same.joined, same.pairs) },
    confusable: { ...confusable, share: ratio(confusable.joined, confusable.pairs) },
  };
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}
