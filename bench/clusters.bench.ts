import { ClusterIndex, DEFAULT_CLUSTER_WINDOW_MS, type ClusterableStory } from '@chipwatch/alerts';
import { syntheticHistory } from '../libs/alerts/src/testing/synthetic-history';
import { alternate, higherIsBetter, type Bench } from './bench-kit';

const IN_WINDOW = 10_000;
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
    const meanGapMs = DEFAULT_CLUSTER_WINDOW_MS / IN_WINDOW;
    const stories: ClusterableStory[] = syntheticHistory(IN_WINDOW + MEASURED, { seed: 13, meanGapMs }).map((s) => ({
      ...s,
      classification: { ...s.classification, relevant: true },
    }));
    const titlesOnly: ClusterableStory[] = stories.map(({ storyId, url, title, at }) => ({ storyId, url, title, at }));
    const measure = (input: ClusterableStory[]) => {
      const index = new ClusterIndex();
      for (let i = 0; i < IN_WINDOW; i++) index.assign(input[i]);
      const started = performance.now();
      for (let i = IN_WINDOW; i < input.length; i++) index.assign(input[i]);
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
