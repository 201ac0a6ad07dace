import { fromRssParser } from './feed-parser';
import { InThreadRawParser, ParseWorkerPool } from './parse-worker';
import { ATOM, RDF, RSS_091_WITH_DTD, RSS_2, RSS_NO_VERSION, rssWithItems } from './testing/feed-documents';

// The worker sends back only RSS_PARSER_FIELDS of rss-parser's output: whatever fromRssParser
// reads must be among them, or the worker and the calling thread would map feeds differently.

let pool: ParseWorkerPool;

beforeAll(() => {
  pool = new ParseWorkerPool({ size: 1 });
});

afterAll(async () => {
  await pool.close();
});

it.each([
  ['RSS 2.0', RSS_2, 'rss'],
  ['Atom', ATOM, 'atom'],
  ['RDF', RDF, 'rdf'],
  ['RSS 0.91', RSS_091_WITH_DTD, 'rss'],
  ['RSS without version', RSS_NO_VERSION, 'rss'],
  ['many items', rssWithItems(30), 'rss'],
] as const)('maps %s the same from the worker as on the calling thread', async (_name, text, format) => {
  const inThread = fromRssParser(await new InThreadRawParser().parse('rss-parser', text), format);
  const fromWorker = fromRssParser(await pool.parse('rss-parser', text), format);
  expect(fromWorker).toEqual(inThread);
  expect(fromWorker.items.length).toBeGreaterThan(0);
});
