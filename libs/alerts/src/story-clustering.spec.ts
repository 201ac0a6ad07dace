import { ClusterIndex, ClusteringError, type ClusterableStory, type ClusterIndexSnapshot, type ClusterMember } from './story-clustering';
import { devStory } from './testing/dev-stories';
import { normaliseTitle, titleSimilarity, titleTokens } from './title-matching';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-04-15T10:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

const story = (storyId: string, title: string, hours: number, url: string | null = `https://example.com/${storyId}`): ClusterableStory => ({
  storyId,
  url,
  title,
  at: at(hours),
});

const TITLE = 'US tightens export controls on Nvidia H20 chips bound for China, Commerce Department says';

describe('story clustering', () => {
  it('given the same canonical URL seen from two feeds under different story ids, then they are one cluster', () => {
    const index = new ClusterIndex();
    expect(index.assign(story('a', TITLE, 0, 'https://reuters.com/x'))).toBe('a');
    expect(index.assign(story('b', 'A completely different headline', 3, 'https://reuters.com/x'))).toBe('a');
  });

  it('given a near-identical headline from another outlet within 48 h, then it joins the first story’s cluster', () => {
    const index = new ClusterIndex();
    index.assign(story('reuters', TITLE, 0));
    // Punctuation, case and a trailing outlet name differ; the words are the same.
    expect(index.assign(story('scmp', `${TITLE.toUpperCase()} – Reuters`, 20))).toBe('reuters');
    expect(index.assign(story('cnbc', TITLE.replace(', Commerce', '; commerce'), 47.9))).toBe('reuters');
  });

  it('given the same headline 49 h after the last member, then it starts a new cluster', () => {
    const index = new ClusterIndex();
    index.assign(story('first', TITLE, 0));
    expect(index.assign(story('later', TITLE, 49))).toBe('later');
  });

  it('given a chain of members each within 48 h of the previous one, then the cluster stays open', () => {
    const index = new ClusterIndex();
    index.assign(story('a', TITLE, 0));
    expect(index.assign(story('b', TITLE, 40))).toBe('a');
    expect(index.assign(story('c', TITLE, 80))).toBe('a');
  });

  it('given headlines on the same subject but different news, then they stay apart', () => {
    const index = new ClusterIndex();
    index.assign(story('a', TITLE, 0));
    expect(index.assign(story('b', 'Nvidia shares fall after US tightens export controls on H20 chips to China', 1))).toBe('b');
    expect(index.assign(story('c', 'China opens antitrust probe into Nvidia', 2))).toBe('c');
  });

  it('given CJK headlines that differ by one character, then they cluster via character bigrams', () => {
    const index = new ClusterIndex();
    index.assign(story('a', '美国商务部宣布收紧对英伟达H20芯片的出口管制措施', 0));
    expect(index.assign(story('b', '美國商務部宣布收緊對英偉達H20芯片的出口管制措施！', 2))).toBe('a');
    expect(index.assign(story('c', '华为发布新一代昇腾芯片', 3))).toBe('c');
  });

  it('given a story already assigned, then assigning it again (a reclassification, an edit) returns its cluster', () => {
    const index = new ClusterIndex();
    index.assign(story('a', TITLE, 0));
    index.assign(story('b', TITLE, 1));
    expect(index.assign(story('b', 'Edited headline', 200))).toBe('a');
    expect(index.clusterOf('b')).toBe('a');
  });

  it('given peek, then it predicts assign without recording anything', () => {
    const index = new ClusterIndex();
    index.assign(story('a', TITLE, 0));
    expect(index.peek(story('b', TITLE, 1))).toBe('a');
    expect(index.peek(story('c', 'Other news', 1))).toBe('c');
    expect(index.size).toBe(1);
    expect(index.clusterOf('b')).toBeUndefined();
    expect(index.assign(story('c', 'Other news', 1))).toBe('c');
    expect(index.assign(story('b', TITLE, 1))).toBe('a');
  });

  it('given the same input order twice, then cluster ids are the same (first member’s story id)', () => {
    const input = [story('x', TITLE, 0), story('y', 'Other news entirely', 1), story('z', `${TITLE}!`, 2), story('w', 'other NEWS, entirely', 3)];
    const run = () => {
      const index = new ClusterIndex();
      return input.map((s) => index.assign(s));
    };
    expect(run()).toEqual(['x', 'y', 'x', 'y']);
    expect(run()).toEqual(run());
  });

  it('given time passing, then members older than the window are evicted from the indexes but keep their cluster', () => {
    const index = new ClusterIndex();
    for (let i = 0; i < 100; i++) index.assign(story(`s${i}`, `headline number ${i} about something`, i));
    // Stories span 99 h; only those within 48 h of the latest remain searchable.
    expect(index.liveSize).toBe(49);
    expect(index.size).toBe(100);
    expect(index.clusterOf('s0')).toBe('s0');
  });

  it('given a snapshot, when restored, then it assigns exactly as the original', () => {
    const original = new ClusterIndex();
    original.assign(story('a', TITLE, 0));
    original.assign(story('b', 'Japan adds chip tools to export list', 30));
    const restored = ClusterIndex.fromJSON(JSON.parse(JSON.stringify(original.toJSON())) as ClusterIndexSnapshot);

    for (const next of [story('c', TITLE, 40), story('d', 'Japan adds chip tools to export list!', 60), story('e', TITLE, 100)]) {
      expect(restored.assign(next)).toBe(original.assign(next));
    }
    expect(restored.toJSON()).toEqual(original.toJSON());
  });

  it('given the members recorded while assigning, when rebuilt from them, then it equals the original and assigns alike', () => {
    const original = new ClusterIndex();
    original.recordAssignments();
    const recorded = [];
    // 100 h of stories, some out of time order, some joining clusters; taken in several increments.
    for (let i = 0; i < 100; i++) {
      const hours = i % 10 === 3 ? i - 30 : i;
      original.assign(story(`s${i}`, i % 4 === 0 ? TITLE : `headline number ${i % 37} about something`, hours));
      original.assign(story(`s${i}`, 'a reclassified story keeps its cluster and is not recorded again', hours));
      if (i % 7 === 0) recorded.push(...original.takeAssigned());
    }
    recorded.push(...original.takeAssigned());
    expect(recorded).toHaveLength(100);
    expect(original.takeAssigned()).toEqual([]);

    const rebuilt = ClusterIndex.fromMembers(JSON.parse(JSON.stringify(recorded)) as typeof recorded);
    expect(rebuilt.toJSON()).toEqual(original.toJSON());
    for (const next of [story('n1', TITLE, 101), story('n2', 'headline number 5 about something', 101), story('n3', 'fresh news', 102)]) {
      expect(rebuilt.assign(next)).toBe(original.assign(next));
    }
  });

  it('given no recording, then nothing is kept for takeAssigned', () => {
    const index = new ClusterIndex();
    index.assign(story('a', TITLE, 0));
    expect(index.takeAssigned()).toEqual([]);
  });

  it('given a time that is not ISO 8601, then a typed error names the story', () => {
    expect(() => new ClusterIndex().assign({ storyId: 'a', url: null, title: 't', at: 'yesterday' })).toThrow(ClusteringError);
    expect(() => new ClusterIndex().assign({ storyId: 'a', url: null, title: 't', at: 'yesterday' })).toThrow(/story a: invalid time "yesterday"/);
  });

  it('given titles with no letters, then they never match each other', () => {
    const index = new ClusterIndex();
    index.assign(story('a', '!!!', 0, null));
    expect(index.assign(story('b', '???', 1, null))).toBe('b');
  });
});

describe('title similarity', () => {
  it('normalises case, punctuation, diacritics and width', () => {
    expect(normaliseTitle('Exportações: ＮＶＩＤＩＡ’s “H20”!')).toBe('exportacoes nvidia s h20');
    expect(titleSimilarity('Exportações da NVIDIA', 'exportacoes DA nvidia')).toBe(1);
  });

  it('is Jaccard over word tokens: one extra word in ten stays above 0.85, two do not', () => {
    const ten = 'one two three four five six seven eight nine ten';
    expect(titleSimilarity(ten, `${ten} eleven`)).toBeCloseTo(10 / 11);
    expect(titleSimilarity(ten, `${ten} eleven twelve`)).toBeCloseTo(10 / 12);
  });

  it('uses character bigrams for CJK', () => {
    expect(titleTokens(normaliseTitle('出口管制'))).toEqual(expect.arrayContaining(['出口', '口管', '管制']));
  });
});

describe('story clustering: by event signature', () => {
  const HUAWEI_RULE = ['CD-0001', 'CD-0004', 'CD-0005', 'CD-0006'];
  const CHINA_THREAT = ['CD-0002', 'CD-0003'];
  const inOrder = (ids: string[]) => ids.map(devStory).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  it('given one event in four languages and another about the same company that afternoon, then each event is one cluster', () => {
    const index = new ClusterIndex();
    const assigned = Object.fromEntries(inOrder([...HUAWEI_RULE, ...CHINA_THREAT]).map((s) => [s.storyId, index.assign(s)]));
    expect(assigned).toEqual({ 'CD-0001': 'CD-0001', 'CD-0002': 'CD-0002', 'CD-0003': 'CD-0002', 'CD-0004': 'CD-0001', 'CD-0005': 'CD-0001', 'CD-0006': 'CD-0001' });
  });

  it('given a story the classifier found not relevant, then it is its own cluster and not recorded, so a later relevant verdict clusters it', () => {
    const index = new ClusterIndex();
    index.recordAssignments();
    index.assign(devStory('CD-0001'));
    const japanese = devStory('CD-0004');
    expect(index.assign({ ...japanese, classification: { ...japanese.classification!, relevant: false } })).toBe('CD-0004');
    expect(index.clusterOf('CD-0004')).toBeUndefined();
    expect(index.assign(japanese)).toBe('CD-0001');
    expect(index.takeAssigned().map((m) => m.storyId)).toEqual(['CD-0001', 'CD-0004']);
  });

  it('given time passing, then only members inside the window are indexed and counted, and the rest keep their cluster', () => {
    const index = new ClusterIndex();
    const rule = devStory('CD-0001');
    for (let i = 0; i < 100; i++) index.assign({ ...rule, storyId: `s${i}`, url: null, at: at(i), publishedAt: at(i) });
    expect(index.liveSize).toBe(49);
    expect(index.population).toBe(49);
    expect(index.factFrequency('company:huawei')).toBe(49);
    expect(index.size).toBe(100);
    expect(index.clusterOf('s0')).toBe('s0');
  });

  it('given the members recorded with their signatures, when rebuilt after a restart, then a story in another language joins as before', () => {
    const original = new ClusterIndex();
    original.recordAssignments();
    original.assign(devStory('CD-0001'));
    original.assign(devStory('CD-0002'));
    const stored = JSON.parse(JSON.stringify(original.takeAssigned())) as ClusterMember[];
    expect(stored[0].signature?.facts).toEqual(expect.arrayContaining(['company:huawei', 'company:tsmc', 'n:120']));

    const rebuilt = ClusterIndex.fromMembers(stored);
    for (const next of inOrder(['CD-0003', 'CD-0004', 'CD-0005', 'CD-0006'])) expect(rebuilt.assign(next)).toBe(original.assign(next));
    expect(rebuilt.clusterOf('CD-0005')).toBe('CD-0001');
    expect(rebuilt.toJSON()).toEqual(original.toJSON());
  });

  it('given members stored before signatures existed, when loaded, then they still join by URL and title, never by signature', () => {
    const rule = devStory('CD-0001');
    const legacy: ClusterMember[] = [{ storyId: 'old', clusterId: 'old', url: 'https://wire.example/huawei', key: normaliseTitle(rule.title), atMs: Date.parse(rule.at) }];
    const index = ClusterIndex.fromMembers(legacy);
    expect(index.assign({ ...devStory('CD-0004') })).toBe('CD-0004');
    expect(index.assign({ ...rule, storyId: 'copy', url: null })).toBe('old');
    expect(index.assign({ ...devStory('CD-0006'), url: 'https://wire.example/huawei' })).toBe('old');
  });
});
