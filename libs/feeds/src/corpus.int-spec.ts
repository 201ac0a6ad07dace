import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEED_FAILURE_REASONS, FeedPollError } from './feed-errors';
import { FeedFetcher } from './feed-fetcher';
import { FeedParser } from './feed-parser';
import { pollFeed } from './feed-poll';
import { ParseWorkerPool } from './parse-worker';
import { FeedServer, Route, startFeedServer } from './testing/feed-server';

// Every file of the shared real-world corpus (test/fixtures/corpus, 2,217 files from twelve
// parsers' test suites) goes through fetch → decode → parse → normalise once, over a real local
// HTTP server. Each must end as a success or a typed failure; none may crash or hang.

const root = join(__dirname, '../../../test/fixtures/corpus');
const CONCURRENCY = 8;
const PER_FILE_DEADLINE_MS = 20_000;
const now = new Date('2026-01-01T00:00:00Z');

interface Row {
  source: string;
  path: string;
  format: string;
}

const rows: Row[] = readFileSync(join(root, 'MANIFEST.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((line) => line.split('\t'))
  .map((cells) => ({ source: cells[0], path: cells[4], format: cells[7] }));

/** Real captures: not a parser's synthetic edge cases, and a sniffed XML feed format. */
const isRealCapture = (row: Row) =>
  !['feedparser', 'gofeed', 'feedsmith'].includes(row.source) && ['rss', 'atom', 'rdf'].includes(row.format);

let server: FeedServer;
let fetcher: FeedFetcher;
let parser: FeedParser;

beforeAll(async () => {
  const routes: Record<string, Route> = {};
  for (const row of rows) {
    const body = readFileSync(join(root, row.path));
    // No charset parameter: the decoder has to find the encoding in the bytes, as for most feeds.
    const type = row.format === 'json' ? 'application/feed+json' : 'application/xml';
    routes[`/${row.path}`] = (_req, res) => {
      res.writeHead(200, { 'content-type': type, 'content-length': body.length });
      res.end(body);
    };
  }
  server = await startFeedServer(routes);
  fetcher = new FeedFetcher({ totalTimeoutMs: 10_000 });
  parser = new FeedParser(new ParseWorkerPool({ size: 2 }));
});

afterAll(async () => {
  await parser.close();
  await fetcher.close();
  await server.close();
});

type Outcome = { row: Row; outcome: string; stories: number; detail?: string };

async function pollOne(row: Row): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung for ${PER_FILE_DEADLINE_MS} ms`)), PER_FILE_DEADLINE_MS);
  });
  try {
    const url = server.url(`/${row.path.split('/').map(encodeURIComponent).join('/')}`);
    const result = await Promise.race([pollFeed({ fetcher, parser }, { feedId: row.path, url, now }), deadline]);
    if (result.notModified) return { row, outcome: 'not-modified', stories: 0 };
    for (const story of result.result.stories) {
      expect(story.storyId).toMatch(/^[0-9a-f]{24}$/);
      expect(story.language).toMatch(/^([a-z]{2}|und)$/);
      expect(new Date(story.publishedAt).toISOString()).toBe(story.publishedAt);
      expect(typeof story.title).toBe('string');
      expect(story.summary.length).toBeLessThanOrEqual(2000);
    }
    return {
      row,
      outcome: result.result.stories.length > 0 ? `ok (${result.result.feed.parser})` : 'ok, no items',
      stories: result.result.stories.length,
    };
  } catch (error) {
    if (error instanceof FeedPollError) return { row, outcome: error.reason, stories: 0, detail: error.message };
    return { row, outcome: 'CRASH', stories: 0, detail: String((error as Error)?.stack ?? error) };
  } finally {
    clearTimeout(timer);
  }
}

it(`polls every corpus file to a success or a typed failure (${rows.length} files)`, async () => {
  const outcomes: Outcome[] = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < rows.length) {
        const row = rows[next++];
        outcomes.push(await pollOne(row));
      }
    }),
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const table = new Map<string, { all: number; real: number }>();
  for (const { row, outcome } of outcomes) {
    const entry = table.get(outcome) ?? { all: 0, real: 0 };
    entry.all++;
    if (isRealCapture(row)) entry.real++;
    table.set(outcome, entry);
  }
  const real = outcomes.filter((o) => isRealCapture(o.row));
  const realOk = real.filter((o) => o.outcome.startsWith('ok'));
  const lines = [...table.entries()]
    .sort((a, b) => b[1].all - a[1].all)
    .map(([outcome, { all, real: r }]) => `${outcome.padEnd(22)} ${String(all).padStart(5)} ${String(r).padStart(5)}`);
  console.log(
    [
      `corpus: ${outcomes.length} files in ${seconds} s; real captures ${realOk.length}/${real.length} succeed`,
      `${'outcome'.padEnd(22)} ${'all'.padStart(5)} ${'real'.padStart(5)}`,
      ...lines,
      ...real
        .filter((o) => !o.outcome.startsWith('ok'))
        .map((o) => `  real-capture failure: ${o.row.path}: ${o.outcome}: ${o.detail?.split('\n')[0]}`),
    ].join('\n'),
  );

  const crashes = outcomes.filter((o) => o.outcome === 'CRASH');
  expect(crashes.map((c) => `${c.row.path}: ${c.detail}`)).toEqual([]);
  for (const { outcome } of outcomes) {
    if (!outcome.startsWith('ok')) expect(FEED_FAILURE_REASONS).toContain(outcome);
  }
  expect(outcomes).toHaveLength(rows.length);
  expect(real).toHaveLength(256);
  expect(realOk.length).toBeGreaterThanOrEqual(254);
}, 120_000);
