import type { Classification } from '@chipwatch/classifier';
import { evaluateClustering, type LabelledClusterStory } from './cluster-evaluation';
import { clusterStories, type OfflineVerdict } from './offline-clustering';
import { devSet } from './testing/dev-stories';

const story = (id: string, event: string, lang: string): LabelledClusterStory => ({ id, event, lang, title: id });
const verdict = (id: string, clusterId: string | null, companies: string[] = []): OfflineVerdict => ({
  id,
  relevant: clusterId !== null,
  clusterId,
  classification: { entities: { companies, products: [], agencies: [], jurisdictions: [] } } as Partial<Classification> as Classification,
});

describe('cluster evaluation: the measures', () => {
  it('given a hand-made clustering, then B-cubed, pair recall by language and confusable joins are as counted by hand', () => {
    const stories = [story('a', 'e1', 'en'), story('b', 'e1', 'zh'), story('c', 'e1', 'en'), story('d', 'e2', 'en')];
    // a and b together with d (wrongly, and both name NVIDIA); c alone.
    const metrics = evaluateClustering(stories, [verdict('a', 'a', ['NVIDIA']), verdict('b', 'a'), verdict('c', 'c'), verdict('d', 'a', ['NVIDIA'])]);
    // Precision: a, b, d each 2/3, 2/3, 1/3; c 1. Recall: a, b 2/3; c 1/3; d 1.
    expect(metrics.bcubed.precision).toBeCloseTo((2 / 3 + 2 / 3 + 1 + 1 / 3) / 4);
    expect(metrics.bcubed.recall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4);
    expect(metrics.crossLanguage).toEqual({ pairs: 2, joined: 1, recall: 0.5 });
    expect(metrics.sameLanguage).toEqual({ pairs: 1, joined: 0, recall: 0 });
    expect(metrics.confusable).toMatchObject({ pairs: 1, joined: 1, share: 1, examples: [['a', 'd']] });
  });
});

describe('cluster evaluation: the dev set (a regression test: these are the targets the issue set)', () => {
  const { classifier, stories } = devSet();
  const metrics = evaluateClustering(stories, clusterStories(stories, classifier));

  it('clusters with B-cubed F1 ≥ 0.90', () => {
    expect(metrics.bcubed.f1).toBeGreaterThanOrEqual(0.9);
  });

  it('joins at least 85 % of the pairs of one event in two languages', () => {
    expect(metrics.crossLanguage.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('never joins two events that share a company or product', () => {
    expect(metrics.confusable.examples).toEqual([]);
  });

  it('does better than the title clustering it replaces, and than leaving every story alone', () => {
    const titles = evaluateClustering(stories, clusterStories(stories, classifier, { titlesOnly: true }));
    expect(metrics.bcubed.f1).toBeGreaterThan(titles.bcubed.f1 + 0.3);
  });
});
