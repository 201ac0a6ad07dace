import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@chipwatch/event-store';
import type { NormalisedStory } from '../story-normaliser';
import { StoryRecorder } from './story-recorder';

const story = (over: Partial<NormalisedStory> = {}): NormalisedStory => ({
  storyId: 'abc',
  feedId: 'one',
  guid: 'g1',
  url: 'https://news.test/a',
  title: 'Nvidia halts H20 production',
  summary: 'After Beijing told firms to avoid the chip.',
  language: 'en',
  publishedAt: '2026-11-29T09:00:00.000Z',
  ...over,
});

describe('StoryRecorder on a real SQLite store', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chipwatch-stories-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.migrate();
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('discovers a story once across recorders (restart, second worker) and feeds', async () => {
    expect(await new StoryRecorder(store).record([story()], {})).toEqual({ discovered: ['abc'], updated: [] });
    expect(await new StoryRecorder(store).record([story()], {})).toEqual({ discovered: [], updated: [] });
    expect(await new StoryRecorder(store).record([story({ feedId: 'two', title: 'Syndicated headline' })], {})).toEqual({
      discovered: [],
      updated: [],
    });
    expect((await store.readStream('story-abc')).map((e) => e.type)).toEqual(['StoryDiscovered']);
  });

  it('records an edit by the origin feed as StoryUpdated naming what changed', async () => {
    const recorder = new StoryRecorder(store);
    await recorder.record([story()], {});
    const edited = story({ summary: 'Beijing told firms to avoid the H20; Nvidia halts production.' });
    expect(await recorder.record([edited], { correlationId: 'job-2' })).toEqual({ discovered: [], updated: ['abc'] });
    expect(await recorder.record([edited], {})).toEqual({ discovered: [], updated: [] });
    const events = await store.readStream('story-abc');
    expect(events.map((e) => e.type)).toEqual(['StoryDiscovered', 'StoryUpdated']);
    expect(events[1].data).toMatchObject({ changed: ['summary'], summary: edited.summary });
    expect(events[1].metadata).toEqual({ correlationId: 'job-2' });
  });

  it('lets concurrent recorders discover a story exactly once', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => new StoryRecorder(store).record([story()], {})));
    expect(results.flatMap((r) => r.discovered)).toEqual(['abc']);
    expect(await store.readStream('story-abc')).toHaveLength(1);
  });
});
