import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedPollError } from './feed-errors';
import { FeedFetcher } from './feed-fetcher';
import { FeedParser, parseFeedInThread } from './feed-parser';
import { ingestBody, pollFeed, PollFeedOutcome } from './feed-poll';
import { ParseWorkerPool } from './parse-worker';
import {
  BILLION_LAUGHS,
  EMPTY_CHANNEL,
  HTML_PAGE,
  JSON_FEED_11,
  RSS_2,
  TRUNCATED_WITH_ITEMS,
  TRUNCATED_WITHOUT_ITEMS,
  deeplyNested,
  rssWithItems,
} from './testing/feed-documents';
import { FeedServer, respond, startFeedServer } from './testing/feed-server';

const fixtures = join(__dirname, '../../../test/fixtures/feeds');
const now = new Date('2025-06-10T12:00:00Z');
const XML = 'application/xml';

/** Path on the test server → [body, content-type]. */
const served: Record<string, [string | Buffer, string]> = {
  '/windows-1252.rss': [readFileSync(join(fixtures, 'windows-1252.rss')), XML],
  '/iso-8859-1-http-only.rss': [readFileSync(join(fixtures, 'iso-8859-1-http-only.rss')), 'application/rss+xml; charset=ISO-8859-1'],
  '/miniflux-windows-1252.xml': [readFileSync(join(fixtures, 'miniflux-windows-1252.xml')), 'text/xml'],
  '/miniflux-iso-8859-1.xml': [readFileSync(join(fixtures, 'miniflux-iso-8859-1.xml')), 'text/xml'],
  '/miniflux-koi8r.xml': [readFileSync(join(fixtures, 'miniflux-koi8r.xml')), 'text/xml'],
  '/miniflux-utf8-incorrect-prolog.xml': [readFileSync(join(fixtures, 'miniflux-utf8-incorrect-prolog.xml')), 'application/atom+xml'],
  '/rsparser-gb2312-kc0011.rss': [readFileSync(join(fixtures, 'rsparser-gb2312-kc0011.rss')), XML],
  '/shift_jis.rss': [readFileSync(join(fixtures, 'shift_jis.rss')), 'application/rss+xml'],
  '/utf-8-bom.rss': [readFileSync(join(fixtures, 'utf-8-bom.rss')), 'application/rss+xml; charset=iso-8859-1'],
  '/utf-16le-bom.atom': [readFileSync(join(fixtures, 'utf-16le-bom.atom')), 'application/atom+xml'],
  '/utf-16be-no-bom.rss': [readFileSync(join(fixtures, 'utf-16be-no-bom.rss')), XML],
  '/rss': [RSS_2, 'application/rss+xml; charset=utf-8'],
  '/empty-channel': [EMPTY_CHANNEL, XML],
  '/empty-200': ['', XML],
  '/html': [HTML_PAGE, 'text/html; charset=utf-8'],
  '/billion-laughs': [BILLION_LAUGHS, XML],
  '/truncated-with-items': [TRUNCATED_WITH_ITEMS, XML],
  '/truncated-without-items': [TRUNCATED_WITHOUT_ITEMS, XML],
  '/deep': [deeplyNested(100_000), XML],
  '/json-feed': [JSON_FEED_11, 'application/feed+json'],
};

let server: FeedServer;
let fetcher: FeedFetcher;
let parser: FeedParser;

beforeAll(async () => {
  server = await startFeedServer({
    ...Object.fromEntries(Object.entries(served).map(([path, [body, type]]) => [path, respond(200, { 'content-type': type }, body)])),
    '/etag': (req, res) => {
      if (req.headers['if-none-match'] === '"r1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': XML, etag: '"r1"' }).end(RSS_2);
    },
  });
  fetcher = new FeedFetcher();
  parser = new FeedParser(new ParseWorkerPool({ size: 1 }));
});

afterAll(async () => {
  await parser.close();
  await fetcher.close();
  await server.close();
});

const poll = (path: string, extra: { etag?: string } = {}) =>
  pollFeed({ fetcher, parser }, { feedId: `feed${path}`, url: server.url(path), validators: extra, now });

function stories(outcome: PollFeedOutcome) {
  if (outcome.notModified) throw new Error('expected a body');
  return outcome.result.stories;
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FeedPollError);
    return (error as FeedPollError).reason;
  }
  return 'success';
}

describe('pollFeed: every charset path, titles exactly as published', () => {
  it.each([
    ['/windows-1252.rss', ['EUA endurecem regras: ‘chips’ de IA — Nvidia perde €5 bi', 'Exportações… “proibidas”']],
    ['/iso-8859-1-http-only.rss', ['Ações da ASML caem após restrições à China', 'Governo “reage”: ç, ã, é, ü']],
    ['/miniflux-koi8r.xml', ['Первая новость', 'Вторая новость']],
    ['/miniflux-utf8-incorrect-prolog.xml', ['Café']],
    ['/shift_jis.rss', ['米国がAI半導体の輸出規制を強化', '東京エレクトロン、対中売上高が減少']],
    ['/utf-8-bom.rss', ['Huawei und SMIC: neue Beschränkungen', 'Äußerungen über Chips – 2025']],
    ['/utf-16le-bom.atom', ['英伟达H20芯片对华出口受限', '华为昇腾 🚀 芯片']],
    ['/utf-16be-no-bom.rss', ['미국, AI 칩 수출 통제 강화', '삼성전자 HBM 공급']],
  ])('%s', async (path, titles) => {
    const outcome = await poll(path);
    expect(stories(outcome).map((s) => s.title)).toEqual(titles);
  });

  it('reads the feed title of the miniflux windows-1252 and ISO-8859-1 files', async () => {
    const euro = await poll('/miniflux-windows-1252.xml');
    expect(!euro.notModified && euro.result.feed).toMatchObject({ title: 'Euro €', charset: 'windows-1252', charsetSource: 'prolog' });
    const cafe = await poll('/miniflux-iso-8859-1.xml');
    expect(!cafe.notModified && cafe.result.feed.title).toBe('Café');
  });

  it('decodes gb2312 (as gbk)', async () => {
    const outcome = await poll('/rsparser-gb2312-kc0011.rss');
    expect(stories(outcome)[0].title).toBe('建国35周年纪念，华表，和平鸽');
    expect(stories(outcome)[0].language).toBe('zh');
  });
});

describe('pollFeed: outcomes', () => {
  it('normalises a feed into StoryDiscovered payloads', async () => {
    const outcome = await poll('/rss');
    expect(outcome.notModified).toBe(false);
    if (outcome.notModified) return;
    expect(outcome.result.feed).toMatchObject({ title: 'Chip Policy & Markets', ttlMinutes: 60, format: 'rss', parser: 'rss-parser' });
    expect(outcome.result.stories.map((s) => [s.url, s.language, s.publishedAt])).toEqual([
      ['https://news.example/2025/06/ai-chips', 'en', '2025-06-02T09:30:00.000Z'],
      ['https://news.example/2025/06/h20', 'en', '2025-06-03T08:00:00.000Z'],
    ]);
  });

  it('round-trips a conditional GET through pollFeed', async () => {
    const first = await poll('/etag');
    expect(first.notModified).toBe(false);
    const second = await poll('/etag', { etag: first.fetch.etag });
    expect(second).toMatchObject({ notModified: true, fetch: { status: 304, etag: '"r1"' } });
  });

  it('is a successful empty poll for a feed without items', async () => {
    expect(stories(await poll('/empty-channel'))).toEqual([]);
  });

  it('parses JSON Feed', async () => {
    const result = stories(await poll('/json-feed'));
    expect(result.map((s) => [s.title, s.language])).toEqual([
      ['Controles de exportación', 'es'],
      ['Only text, no title or url', 'es'],
    ]);
  });

  it('recovers the items of truncated XML', async () => {
    const result = stories(await poll('/truncated-with-items'));
    expect(result.map((s) => s.title).slice(0, 2)).toEqual(['First & whole', 'Second']);
  });

  it.each([
    ['/empty-200', 'parse-error'],
    ['/truncated-without-items', 'parse-error'],
    ['/html', 'not-a-feed'],
    ['/billion-laughs', 'unsafe-xml'],
    ['/deep', 'too-complex'],
  ])('%s fails with %s', async (path, reason) => {
    expect(await reasonOf(poll(path))).toBe(reason);
  });
});

describe('parsing in workers', () => {
  it('gives the same result as parsing in-thread', async () => {
    const text = rssWithItems(50);
    expect(await parser.parse(text)).toEqual(await parseFeedInThread(text));
  });

  it('stops a parse past the time limit with too-complex, then parses again', async () => {
    const strict = new FeedParser(new ParseWorkerPool({ timeLimitMs: 1 }));
    try {
      expect(await reasonOf(strict.parse(rssWithItems(20_000)))).toBe('too-complex');
    } finally {
      await strict.close();
    }
    const pool = new ParseWorkerPool({ timeLimitMs: 1 });
    const roomy = new FeedParser(pool);
    try {
      await reasonOf(roomy.parse(rssWithItems(20_000)));
      // The same pool, its timed-out worker replaced, given room again (the limit is private state).
      Reflect.set(pool, 'timeLimitMs', 10_000);
      expect((await roomy.parse(RSS_2)).items).toHaveLength(2);
    } finally {
      await roomy.close();
    }
  });

  it('stops a worker that runs out of memory with too-complex', async () => {
    const tiny = new FeedParser(new ParseWorkerPool({ maxOldGenerationSizeMb: 8, timeLimitMs: 20_000 }));
    try {
      expect(await reasonOf(tiny.parse(rssWithItems(40_000), { maxItems: 100_000 }))).toBe('too-complex');
    } finally {
      await tiny.close();
    }
  });

  it('runs parses queued beyond the pool size', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => parser.parse(rssWithItems(i + 1))));
    expect(results.map((r) => r.items.length)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ingestBody decodes, parses and normalises bytes in one call', async () => {
    const result = await ingestBody(readFileSync(join(fixtures, 'windows-1252.rss')), {
      contentType: XML,
      feedUrl: 'https://news.example/feed.xml',
      feedId: 'bench',
      now,
      languageHint: 'pt', // the feed names no language, and two headlines are too little to tell pt from es
      parser,
    });
    expect(result).toMatchObject({
      itemsSeen: 2,
      droppedItems: 0,
      duplicateItems: 0,
      feed: { charset: 'windows-1252', title: 'Mercado “Tecnologia” – €' },
    });
    expect(result.stories[0]).toMatchObject({ feedId: 'bench', language: 'pt', url: 'https://news.example/1' });
  });
});
