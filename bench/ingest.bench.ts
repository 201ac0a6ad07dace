import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { ingestBody, decodeFeedBytes, FeedParser, ParseWorkerPool, RSS_PARSER_OPTIONS } from '@chipwatch/feeds';
import { higherIsBetter, perSecond, alternate, type Bench } from './bench-kit';

const CORPUS = join(__dirname, '..', 'test', 'fixtures', 'corpus');
const ROUNDS = 3;

/** The corpus's real captures (not parsers' synthetic edge cases) that bare rss-parser parses: a fair common set. */
async function realCaptures(): Promise<{ bytes: Buffer; text: string }[]> {
  const rows = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split('\t'))
    .filter((cells) => !['feedparser', 'gofeed', 'feedsmith'].includes(cells[0]) && ['rss', 'atom', 'rdf'].includes(cells[7]));
  const parser = new Parser(RSS_PARSER_OPTIONS);
  const usable: { bytes: Buffer; text: string }[] = [];
  for (const cells of rows) {
    const bytes = readFileSync(join(CORPUS, cells[4]));
    const text = decodeFeedBytes(bytes).text;
    try {
      await parser.parseString(text);
      usable.push({ bytes, text });
    } catch {
      // rss-parser alone fails on it: not part of the common set
    }
  }
  return usable;
}

/** `ingest.corpus`: decode + parse (worker thread, fallbacks) + normalise, next to bare rss-parser on the decoded strings. */
export const ingestCorpusBench: Bench = {
  name: 'ingest.corpus',
  async run() {
    const files = await realCaptures();
    const parser = new FeedParser(new ParseWorkerPool({ size: 1 }));
    const bare = new Parser(RSS_PARSER_OPTIONS);
    const now = new Date('2026-11-29T00:00:00Z');
    try {
      // Warm our path as realCaptures() warmed the baseline's, with one pass over every file: the
      // parse worker is an isolate of its own, and after ten files its JIT was still cold enough
      // for the first measured round to run at about half speed.
      for (const file of files) await ingestBody(file.bytes, { feedUrl: 'http://bench.test/feed', feedId: 'bench', now, parser });
      const measured = await alternate(
        ROUNDS,
        () =>
          perSecond(files.length, async () => {
            for (const file of files) await ingestBody(file.bytes, { feedUrl: 'http://bench.test/feed', feedId: 'bench', now, parser });
          }),
        () =>
          perSecond(files.length, async () => {
            for (const file of files) await bare.parseString(file.text);
          }),
      );
      return [
        higherIsBetter(
          'ingest.corpus',
          'feeds/s',
          measured,
          `${files.length} real captures; baseline: bare rss-parser parseString on the decoded text, same thread`,
        ),
      ];
    } finally {
      await parser.close();
    }
  },
};
