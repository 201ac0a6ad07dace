import { clusterStories, OfflineStoryError, type OfflineStory } from './offline-clustering';
import { devSet } from './testing/dev-stories';

const { classifier, stories } = devSet();
const pick = (...ids: string[]): OfflineStory[] => ids.map((id) => stories.find((s) => s.id === id)!);

describe('offline clustering (chipwatch cluster without its I/O)', () => {
  it('given stories out of time order, then they are clustered in publishedAt order and answered in input order', () => {
    // The German version (published last) comes first in the input: the English one still founds the cluster.
    const input = pick('CD-0006', 'CD-0004', 'CD-0001');
    expect(clusterStories(input, classifier).map(({ id, relevant, clusterId }) => ({ id, relevant, clusterId }))).toEqual([
      { id: 'CD-0006', relevant: true, clusterId: 'CD-0001' },
      { id: 'CD-0004', relevant: true, clusterId: 'CD-0001' },
      { id: 'CD-0001', relevant: true, clusterId: 'CD-0001' },
    ]);
  });

  it('given equal times, then input order decides which story founds the cluster', () => {
    const input = pick('CD-0004', 'CD-0001').map((s) => ({ ...s, publishedAt: '2020-05-15T14:30:00Z' }));
    expect(clusterStories(input, classifier).map((v) => v.clusterId)).toEqual(['CD-0004', 'CD-0004']);
  });

  it('given a story that is not relevant, then its cluster id is null', () => {
    const [verdict] = clusterStories(pick('CD-0055'), classifier);
    expect(verdict).toMatchObject({ id: 'CD-0055', relevant: false, clusterId: null });
  });

  it('given stories without publishedAt, then each takes the time of the one before it, so an undated file clusters by content', () => {
    const input = pick('CD-0001', 'CD-0004', 'CD-0002').map(({ publishedAt: _publishedAt, ...rest }) => rest);
    expect(clusterStories(input, classifier).map((v) => v.clusterId)).toEqual(['CD-0001', 'CD-0001', 'CD-0002']);
  });

  it('given a window of one hour, then versions published further apart stay apart', () => {
    expect(clusterStories(pick('CD-0001', 'CD-0004'), classifier, { windowMs: 3_600_000 }).map((v) => v.clusterId)).toEqual(['CD-0001', 'CD-0004']);
  });

  it('given a publishedAt that is not ISO 8601, then a typed error names the story', () => {
    expect(() => clusterStories([{ id: 'x', title: 't', publishedAt: 'last Tuesday' }], classifier)).toThrow(OfflineStoryError);
  });
});
