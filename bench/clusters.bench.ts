import { ClusterIndex, DEFAULT_CLUSTER_WINDOW_MS, type ClusterableStory } from '@chipwatch/alerts';
import { syntheticHistory } from '../libs/alerts/src/testing/synthetic-history';
import { alternate, higherIsBetter, type Bench } from './bench-kit';

/** Stories assigned, untimed, to have about 10,000 members in the window: a tenth of a synthetic history are reclassifications. */
const PREFILL = 11_000;
const MEASURED = 5_000;

/**
 * `clusters.assign`: relevant classified stories/s assigned to clusters by event signature with
 * 10,000 stories inside the 48 h window (the index is filled first, untimed, and stays that full
 * as time moves on), next to the clustering it replaced (canonical URL and near-identical title
 * only) over the same stories in the same run.
 */
export const clustersBench: Bench = {
  name: 'clusters',
  async run() {
    const meanGapMs = DEFAULT_CLUSTER_WINDOW_MS / PREFILL;
    const stories: ClusterableStory[] = syntheticHistory(PREFILL + MEASURED, { seed: 13, meanGapMs }).map((s) => ({
      ...s,
      classification: { ...s.classification, relevant: true },
    }));
    const titlesOnly: ClusterableStory[] = stories.map(({ storyId, url, title, at }) => ({ storyId, url, title, at }));
    const measure = (input: ClusterableStory[]) => {
      const index = new ClusterIndex();
      for (let i = 0; i < PREFILL; i++) index.assign(input[i]);
      const started = performance.now();
      for (let i = PREFILL; i < input.length; i++) index.assign(input[i]);
      return MEASURED / ((performance.now() - started) / 1000);
    };
    const measured = await alternate(
      3,
      async () => measure(stories),
      async () => measure(titlesOnly),
    );
    return [
      higherIsBetter('clusters.assign', 'stories/s', measured, '10,000 stories inside the 48 h window; baseline: URL and title clustering only, same stories'),
    ];
  },
};
