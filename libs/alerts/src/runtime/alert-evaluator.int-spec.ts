import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferedDocumentTx, SqliteEventStore, type DocumentReader, type Recorded } from '@chipwatch/event-store';
import type { StoryClassified } from '@chipwatch/stories';
import { snapshotAlertState } from '../alert-evaluation';
import type { AlertEvent } from '../alert.events';
import { aStory, rulesFrom } from '../testing/alert-fixtures';
import { AlertEvaluator } from './alert-evaluator';
import { ALERT_EVALUATOR_COLLECTION, AlertStateDocuments } from './alert-state.documents';

const RULES = rulesFrom(`  - { id: any-story, when: { topic: ai-chip-export-controls, minScore: 0.6 }, severity: medium }
  - { id: restrictions, when: { topic: ai-chip-export-controls, minScore: 0.8, subtopics: { any: [new-restriction] } }, severity: high }
`);
/** Three events, each in two languages: the versions share no title, only the facts of their signature. */
const EVENTS = [
  {
    titles: ['US tightens export controls on Nvidia H20 chips bound for China', '美国收紧对英伟达H20芯片的出口管制'],
    entities: { companies: ['NVIDIA'], products: ['H20'], agencies: ['Commerce Department'], jurisdictions: ['United States', 'China'] },
    subtopics: ['new-restriction'],
  },
  {
    titles: ['Japan adds 23 types of chipmaking tools to its export control list', '日本将23种芯片制造设备列入出口管制'],
    entities: { companies: ['Tokyo Electron'], products: [], agencies: ['METI'], jurisdictions: ['Japan', 'China'] },
    subtopics: ['allied-controls'],
  },
  {
    titles: ['Malaysia charges two men over smuggled Nvidia servers', 'Malasia acusa a dos hombres de contrabando de servidores de Nvidia'],
    entities: { companies: ['NVIDIA', 'Supermicro'], products: [], agencies: [], jurisdictions: ['Malaysia'] },
    subtopics: ['enforcement'],
  },
];

/**
 * The live evaluator against a real SQLite log: its state survives a restart through the
 * documents it writes per batch, and converts the single document earlier versions wrote.
 */
describe('AlertEvaluator state across restarts', () => {
  let dir: string;
  const stores: SqliteEventStore[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chipwatch-alert-evaluator-'));
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A log of 40 classified stories: three recurring events from several outlets in two languages, and one-offs. */
  async function logWithStories(name: string): Promise<{ store: SqliteEventStore; batches: Recorded<StoryClassified>[][] }> {
    const store = new SqliteEventStore({ filename: join(dir, `${name}.db`) });
    stores.push(store);
    await store.migrate();
    for (let i = 0; i < 40; i++) {
      const event = EVENTS[i % 3];
      const story = aStory({
        storyId: `s${i}`,
        feedId: `feed-${i % 5}`,
        title: i % 4 === 3 ? `Unrelated story number ${i} on another subject` : event.titles[Math.floor(i / 3) % 2],
        summary: '',
        language: Math.floor(i / 3) % 2 ? 'xx' : 'en',
        classification:
          i % 4 === 3
            ? { relevant: false, score: 0.1 }
            : { score: i % 3 === 0 ? 0.9 : 0.7, entities: event.entities, subtopics: event.subtopics, numbers: [{ value: 23 + (i % 3), unit: 'count' }] },
      });
      const { classification, ...discovered } = story;
      await store.append(`story-${story.storyId}`, [
        { type: 'StoryDiscovered', data: { ...discovered } },
        { type: 'StoryClassified', data: { ...classification, storyId: story.storyId, language: story.language } },
      ]);
    }
    const classified = await store.readAll<StoryClassified>({ types: ['StoryClassified'], limit: 100 });
    const batches = [classified.slice(0, 7), classified.slice(7, 19), classified.slice(19, 30), classified.slice(30)];
    return { store, batches };
  }

  async function alertsIn(store: SqliteEventStore): Promise<string[]> {
    const events = await store.readAll<AlertEvent>({ types: ['AlertRaised', 'AlertClusterGrew'], limit: 1000 });
    return events.map((e) => `${e.type} ${e.data.ruleId} ${e.data.storyId} ${e.data.alertId}`);
  }

  /** Each batch's writes become what the next batch reads, as a committed checkpoint would. */
  function committed(reader: DocumentReader): BufferedDocumentTx {
    return new BufferedDocumentTx(reader);
  }

  it('decides after each restart exactly as an evaluator that never stopped, writing per batch only what changed', async () => {
    const steady = await logWithStories('steady');
    const evaluator = new AlertEvaluator(steady.store, () => RULES);
    let tx = committed(steady.store.documents);
    for (const batch of steady.batches) {
      await evaluator.handle(batch, tx);
      tx = committed(tx);
    }

    const restarted = await logWithStories('restarted');
    let documents = committed(restarted.store.documents);
    const writesPerBatch: number[] = [];
    for (const batch of restarted.batches) {
      await new AlertEvaluator(restarted.store, () => RULES).handle(batch, documents);
      writesPerBatch.push(documents.writes.length);
      expect(documents.writes.every((w) => w.collection === ALERT_EVALUATOR_COLLECTION && w.key !== 'state')).toBe(true);
      documents = committed(documents);
    }

    // The other-language versions (s9, s10, s17, in the second batch) joined their events' first
    // stories by signature, whose members were stored by the first batch: signatures survive a restart.
    const { state } = await AlertStateDocuments.load(committed(documents));
    expect(['s9', 's10', 's17'].map((id) => state.clusters.clusterOf(id))).toEqual(['s0', 's1', 's2']);
    const alerts = await alertsIn(steady.store);
    expect(alerts.filter((a) => a.startsWith('AlertRaised')).length).toBeGreaterThan(2);
    expect(alerts.filter((a) => a.startsWith('AlertClusterGrew')).length).toBeGreaterThan(2);
    expect(await alertsIn(restarted.store)).toEqual(alerts);
    // One document per story assigned, plus the clusters and stories whose alerts changed: bounded by
    // the batch, never the whole history.
    restarted.batches.forEach((batch, i) => expect(writesPerBatch[i]).toBeLessThanOrEqual(batch.length * 3));
  });

  it('converts the single state document of earlier versions and carries on from it', async () => {
    const steady = await logWithStories('steady');
    const evaluator = new AlertEvaluator(steady.store, () => RULES);
    let tx = committed(steady.store.documents);
    for (const batch of steady.batches.slice(0, 2)) {
      await evaluator.handle(batch, tx);
      tx = committed(tx);
    }
    // What an earlier version would have stored after the same batches.
    const legacy = committed(steady.store.documents);
    legacy.put(ALERT_EVALUATOR_COLLECTION, 'state', snapshotAlertState((await AlertStateDocuments.load(committed(tx))).state));

    let upgraded = committed(legacy);
    for (const batch of steady.batches.slice(2)) {
      await new AlertEvaluator(steady.store, () => RULES).handle(batch, upgraded);
      upgraded = committed(upgraded);
    }
    let continued = tx;
    for (const batch of steady.batches.slice(2)) {
      await evaluator.handle(batch, continued);
      continued = committed(continued);
    }

    expect(await upgraded.get(ALERT_EVALUATOR_COLLECTION, 'state')).toBeUndefined();
    const [after, expected] = await Promise.all([AlertStateDocuments.load(upgraded), AlertStateDocuments.load(continued)]);
    expect(snapshotAlertState(after.state)).toEqual(snapshotAlertState(expected.state));
  });
});
