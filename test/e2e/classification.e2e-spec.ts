import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedServer, rss } from '../support/feed-server';
import { startApp, type RunningApp } from '../support/running-app';
import { eventsOf, waitFor, waitForEvents } from '../support/wait-for';

interface Labelled {
  id: string;
  lang: string;
  title: string;
  summary: string;
  label: 0 | 1;
}

const FIXTURES = join(__dirname, '..', 'fixtures');
const sample: Labelled[] = readFileSync(join(FIXTURES, 'stories', 'mixed-dev-sample.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Labelled);
const seedLines = readFileSync(join(FIXTURES, 'classifier', 'seed-article-pt.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim());
const seed = { id: 'seed', title: seedLines[0], summary: seedLines.slice(2, 5).join(' '), link: 'http://news.test/pt/deepseek-r2' };

describe('classification through the running app', () => {
  let server: FeedServer;
  let configDir: string;
  let dataDir: string;
  let running: RunningApp | undefined;

  const start = async () => (running = await startApp({ CHIPWATCH_CONFIG_DIR: configDir, CHIPWATCH_DATA_DIR: dataDir }, 'all'));

  beforeAll(async () => {
    server = await new FeedServer().start();
    server.feed('/mixed.xml', () =>
      rss([
        ...sample.map((s) => ({ title: s.title, description: s.summary, link: `http://news.test/${s.id}`, guid: s.id })),
        { title: seed.title, description: seed.summary, link: seed.link },
      ]),
    );
    configDir = mkdtempSync(join(tmpdir(), 'chipwatch-cfg-'));
    dataDir = mkdtempSync(join(tmpdir(), 'chipwatch-data-'));
    copyFileSync(join(__dirname, '..', '..', 'config', 'classifier.yaml'), join(configDir, 'classifier.yaml'));
    writeFileSync(join(configDir, 'feeds.yaml'), `feeds:\n  - id: mixed\n    url: ${server.url('/mixed.xml')}\n    interval: 1h\n`);
    await start();
  });

  afterAll(async () => {
    await running?.close();
    await server.stop();
    rmSync(configDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(running!.baseUrl + path);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  it('classifies every discovered story once, flagging the positives and the Portuguese seed story', async () => {
    const classified = await waitForEvents(running!.store, 'StoryClassified', sample.length + 1);
    const discovered = await eventsOf(running!.store, 'StoryDiscovered');
    const byStory = new Map(classified.map((e) => [e.data.storyId as string, e.data]));
    expect(byStory.size).toBe(sample.length + 1);
    for (const event of discovered) {
      const guid = event.data.guid as string | null;
      const expected = guid ? sample.find((s) => s.id === guid)!.label === 1 : true;
      expect({ title: event.data.title, relevant: byStory.get(event.data.storyId as string)!.relevant }).toEqual({
        title: event.data.title,
        relevant: expected,
      });
    }
    const seedVerdict = byStory.get(discovered.find((e) => e.data.url === seed.link)!.data.storyId as string)!;
    expect(seedVerdict).toMatchObject({ relevant: true, topic: 'ai-chip-export-controls', language: 'pt' });
    expect(seedVerdict.subtopics).toContain('company-impact');
    expect((seedVerdict.entities as { companies: string[] }).companies).toEqual(expect.arrayContaining(['DeepSeek', 'NVIDIA']));
    expect((seedVerdict.evidence as unknown[]).length).toBeGreaterThan(0);
    expect(classified[0].metadata.correlationId).toMatch(/^classify-story:/);
  });

  it('lists stories newest first with filters and cursor paging', async () => {
    const positives = sample.filter((s) => s.label === 1).length + 1;
    const relevant = await waitFor('the stories projection', async () => {
      const page = await api<{ stories: { title: string }[] }>('/stories?relevant=true');
      return page.stories.length === positives ? page : undefined;
    });
    expect(relevant.stories).toHaveLength(positives);

    const pt = await api<{ stories: { language: string }[] }>('/stories?language=pt');
    expect(pt.stories.length).toBeGreaterThan(0);
    expect(pt.stories.every((s) => s.language === 'pt')).toBe(true);
    const q = await api<{ stories: { title: string }[] }>(`/stories?q=${encodeURIComponent('DEEPSEEK')}`);
    expect(q.stories.some((s) => s.title === seed.title)).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { stories: { storyId: string; discoveredPosition: number }[]; next: string | null } = await api(
        `/stories?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.stories.map((s) => s.storyId));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(sample.length + 1);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await api<{ stories: unknown[] }>('/stories?since=1h')).stories).toHaveLength(sample.length + 1);
    expect((await api<{ stories: unknown[] }>('/stories?since=2099-01-01T00:00:00Z')).stories).toHaveLength(0);
  });

  it('shows one story with its classification, evidence and events', async () => {
    const [first] = (await api<{ stories: { storyId: string }[] }>('/stories?relevant=true&limit=1')).stories;
    const detail = await api<{ story: { storyId: string }; classification: { evidence: unknown[] }; events: { type: string }[] }>(
      `/stories/${first.storyId}`,
    );
    expect(detail.story.storyId).toBe(first.storyId);
    expect(detail.classification.evidence.length).toBeGreaterThan(0);
    expect(detail.events.map((e) => e.type)).toEqual(['StoryDiscovered', 'StoryClassified']);
    expect((await fetch(`${running!.baseUrl}/stories/0123456789abcdef01234567`)).status).toBe(404);
    for (const bad of ['/stories?relevant=maybe', '/stories?since=yesterday', '/stories?limit=500', '/stories?cursor=abc']) {
      const response = await fetch(running!.baseUrl + bad);
      expect(response.status).toBe(400);
    }
  });

  it('reclassifies recent stories after a tuning change, keeping the old verdicts in the log', async () => {
    const before = await eventsOf(running!.store, 'StoryClassified');
    await running!.close();
    running = undefined;
    const yaml = readFileSync(join(configDir, 'classifier.yaml'), 'utf8').replace(/^threshold: .*$/m, 'threshold: 0.55');
    writeFileSync(join(configDir, 'classifier.yaml'), yaml);
    await start();
    const after = await waitForEvents(running!.store, 'StoryClassified', before.length * 2);
    const versions = new Set(after.map((e) => e.data.classifierVersion));
    expect(versions.size).toBe(2);
    expect(await eventsOf(running!.store, 'StoryDiscovered')).toHaveLength(sample.length + 1);
  });
});
