import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedServer, rss } from '../support/feed-server';
import { startApp, type RunningApp } from '../support/running-app';
import { eventsOf, waitFor, waitForEvents } from '../support/wait-for';

const STORY_A = {
  title: 'US adds 140 Chinese chip firms to the Entity List',
  link: 'http://news.test/entity-list?utm_source=rss',
  guid: 'a-1',
};
const STORY_B = { title: 'ASML cannot ship DUV tools to China without a licence', link: 'http://news.test/asml-duv', guid: 'b-1' };
const STORY_C = { title: 'Nvidia halts H20 production', link: 'http://news.test/h20-halt', guid: 'c-1' };

describe('feed ingestion through the running app', () => {
  let server: FeedServer;
  let configDir: string;
  let dataDir: string;
  let running: RunningApp | undefined;

  const writeFeeds = (yaml: string) => writeFileSync(join(configDir, 'feeds.yaml'), yaml);
  const start = async () => {
    running = await startApp({ CHIPWATCH_CONFIG_DIR: configDir, CHIPWATCH_DATA_DIR: dataDir }, 'all');
    return running;
  };
  const stop = async () => {
    await running?.close();
    running = undefined;
  };

  beforeEach(async () => {
    server = await new FeedServer().start();
    configDir = mkdtempSync(join(tmpdir(), 'chipwatch-cfg-'));
    dataDir = mkdtempSync(join(tmpdir(), 'chipwatch-data-'));
  });

  afterEach(async () => {
    await stop();
    await server.stop();
    rmSync(configDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('discovers each story once, uses conditional GET, and after a restart sends the stored validators and discovers nothing again', async () => {
    server.feed('/one.xml', () => rss([STORY_A, STORY_B]));
    writeFeeds(`feeds:\n  - id: one\n    url: ${server.url('/one.xml')}\n    interval: 1s\n`);
    const app = await start();

    const polled = await waitForEvents(app.store, 'FeedPolled', 2);
    expect(polled[0].data).toMatchObject({ feedId: 'one', status: 200, notModified: false, itemsSeen: 2, newStories: 2 });
    expect(polled[0].data.etag).toMatch(/^"/);
    expect(polled[1].data).toMatchObject({ status: 304, notModified: true, newStories: 0 });
    expect(server.requestsTo('/one.xml')[1].headers['if-none-match']).toBe(polled[0].data.etag);
    expect(server.requestsTo('/one.xml')[0].headers['user-agent']).toMatch(/^chipwatch\//);

    const discovered = await eventsOf(app.store, 'StoryDiscovered');
    expect(discovered.map((e) => e.data.title).sort()).toEqual([STORY_B.title, STORY_A.title].sort());
    const a = discovered.find((e) => e.data.title === STORY_A.title)!;
    expect(a.data).toMatchObject({ feedId: 'one', guid: 'a-1', url: 'http://news.test/entity-list', language: 'en' });
    expect(a.streamId).toBe(`story-${String(a.data.storyId)}`);

    await stop();
    const requestsBefore = server.requestsTo('/one.xml').length;
    const restarted = await start();
    await waitFor('a poll after restart', () => server.requestsTo('/one.xml').length > requestsBefore);
    expect(server.requestsTo('/one.xml')[requestsBefore].headers['if-none-match']).toBe(polled[0].data.etag);
    await waitForEvents(restarted.store, 'FeedPolled', polled.length + 1);
    expect(await eventsOf(restarted.store, 'StoryDiscovered')).toHaveLength(2);
  });

  it('records the same article in two feeds as one story, and an edited title as StoryUpdated', async () => {
    let titleA = STORY_A.title;
    let twoItems = [STORY_C];
    server.feed('/one.xml', () => rss([{ ...STORY_A, title: titleA }]));
    server.feed('/two.xml', () => rss(twoItems));
    writeFeeds(
      `feeds:\n  - id: one\n    url: ${server.url('/one.xml')}\n    interval: 1s\n  - id: two\n    url: ${server.url('/two.xml')}\n    interval: 1s\n`,
    );
    const app = await start();
    await waitForEvents(app.store, 'StoryDiscovered', 2);
    // The same article reaches the second feed under another link form and GUID, and its own headline.
    twoItems = [
      { ...STORY_A, title: 'Entity List grows by 140', link: 'http://NEWS.test/entity-list#comments', guid: 'other-guid' },
      STORY_C,
    ];
    await waitForEvents(app.store, 'FeedPolled', 1, (e) => e.data.feedId === 'two' && e.data.itemsSeen === 2);
    const discovered = await eventsOf(app.store, 'StoryDiscovered');
    expect(discovered).toHaveLength(2);
    expect(await eventsOf(app.store, 'StoryUpdated')).toHaveLength(0);

    titleA = 'US adds 140 Chinese chip firms to the Entity List, including SMIC affiliates';
    const updated = await waitForEvents(app.store, 'StoryUpdated', 1);
    expect(updated[0].data).toMatchObject({ feedId: 'one', title: titleA, changed: ['title'] });
    expect(updated[0].streamId).toBe(discovered.find((e) => e.data.guid === 'a-1')!.streamId);
    expect(await eventsOf(app.store, 'StoryDiscovered')).toHaveLength(2);
  });

  it('records failures with a reason, honours Retry-After, backs off, and recovers', async () => {
    let mode: '429' | '500' | 'ok' = '429';
    server.route('/flaky.xml', (_request, response) => {
      if (mode === '429') response.writeHead(429, { 'retry-after': '3' }).end('slow down');
      else if (mode === '500') response.writeHead(500).end('oops');
      else response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([STORY_C]));
    });
    writeFeeds(`feeds:\n  - id: flaky\n    url: ${server.url('/flaky.xml')}\n    interval: 1s\n`);
    const app = await start();

    const [limited] = await waitForEvents(app.store, 'FeedPollFailed', 1);
    expect(limited.data).toMatchObject({ feedId: 'flaky', reason: 'rate-limited', httpStatus: 429, attempt: 1 });
    expect(Date.parse(limited.data.nextPollAt as string)).toBeGreaterThanOrEqual(Date.parse(limited.data.retryAfter as string));
    mode = '500';
    const failures = await waitForEvents(app.store, 'FeedPollFailed', 2);
    const [first, second] = server.requestsTo('/flaky.xml');
    expect(second.at - first.at).toBeGreaterThanOrEqual(2_900);
    expect(failures[1].data).toMatchObject({ reason: 'http-5xx', httpStatus: 500, attempt: 2, nextPollReason: 'backoff' });

    const health = (await (await fetch(`${app.baseUrl}/feeds/flaky`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ id: 'flaky', lastStatus: 'failed', consecutiveFailures: 2, lastErrorReason: 'http-5xx' });

    mode = 'ok';
    await waitForEvents(app.store, 'FeedPolled', 1, () => true, 30_000);
    await waitFor('feed health to recover', async () => {
      const body = (await (await fetch(`${app.baseUrl}/feeds/flaky`)).json()) as { consecutiveFailures: number; lastStatus: string };
      return body.lastStatus === 'ok' && body.consecutiveFailures === 0 ? body : undefined;
    });
  }, 60_000);

  it('serves feed health, polls on request, and 404s an unknown feed', async () => {
    server.feed('/one.xml', () => rss([STORY_A]));
    writeFeeds(`defaults: { interval: 1h }\nfeeds:\n  - id: one\n    url: ${server.url('/one.xml')}\n    tags: [policy]\n`);
    const app = await start();
    await waitForEvents(app.store, 'FeedPolled', 1);
    const list = (await (await fetch(`${app.baseUrl}/feeds`)).json()) as { feeds: Record<string, unknown>[] };
    await waitFor('projection', async () => {
      const body = (await (await fetch(`${app.baseUrl}/feeds/one`)).json()) as { polls: number };
      return body.polls === 1 ? body : undefined;
    });
    expect(list.feeds).toHaveLength(1);
    expect(list.feeds[0]).toMatchObject({ id: 'one', url: server.url('/one.xml'), intervalMs: 3_600_000, tags: ['policy'] });

    const response = await fetch(`${app.baseUrl}/feeds/one/poll`, { method: 'POST' });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ feedId: 'one', queued: true });
    const polls = await waitForEvents(app.store, 'FeedPolled', 2);
    expect(polls[1].data).toMatchObject({ notModified: true, slot: expect.stringMatching(/^manual-/) as string });
    const health = await waitFor('projection', async () => {
      const body = (await (await fetch(`${app.baseUrl}/feeds/one`)).json()) as { polls: number; notModifiedShare: number };
      return body.polls === 2 ? body : undefined;
    });
    expect(health.notModifiedShare).toBe(0.5);

    expect((await fetch(`${app.baseUrl}/feeds/nope`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/feeds/nope/poll`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/feeds/Bad%20Id`)).status).toBe(400);
  });

  it('hot-reloads feeds.yaml: a valid edit adds a feed, an invalid one keeps the previous list', async () => {
    server.feed('/one.xml', () => rss([STORY_A]));
    server.feed('/two.xml', () => rss([STORY_B]));
    writeFeeds(`feeds:\n  - id: one\n    url: ${server.url('/one.xml')}\n    interval: 1h\n`);
    const app = await start();
    await waitForEvents(app.store, 'FeedPolled', 1);

    writeFeeds(`feeds:\n  - id: one\n    url: ${server.url('/one.xml')}\n    intervall: 1h\n`);
    writeFeeds(
      `feeds:\n  - id: one\n    url: ${server.url('/one.xml')}\n    interval: 1h\n  - id: two\n    url: ${server.url('/two.xml')}\n    interval: 1h\n`,
    );
    await waitForEvents(app.store, 'FeedPolled', 1, (e) => e.data.feedId === 'two', 15_000);

    writeFeeds('feeds:\n  - id: Broken!\n');
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the watcher's debounce and poll: nothing observable to wait on
    const list = (await (await fetch(`${app.baseUrl}/feeds`)).json()) as { feeds: { id: string }[] };
    expect(list.feeds.map((f) => f.id)).toEqual(['one', 'two']);
  });

  it('refuses to start on an invalid feeds.yaml, naming file, line, column and key', async () => {
    writeFeeds(`feeds:\n  - id: one\n    url: not a url\n`);
    await expect(start()).rejects.toThrow(/feeds\.yaml:3:10: feeds\.0\.url: expected an http\(s\) URL/);
  });
});
