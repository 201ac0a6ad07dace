import { asArray, asRecord, linkOf, nonBlank, textOf, textsOf } from './coerce';
import { parseFeedDate } from './dates';
import { FeedPollError } from './feed-errors';
import { DEFAULT_MAX_DEPTH, FeedShape, inspectFeedText } from './feed-safety';
import type { FeedFormat, ParsedFeed, ParsedItem } from './parsed-feed';
import { parseTagSoup } from './tag-soup';
import { InThreadRawParser, ParseWorkerPool, RawFeedParser, RawParserFailure } from './parse-worker';

export type { FeedFormat, FeedParserName, ParsedFeed, ParsedItem } from './parsed-feed';

export interface ParseFeedOptions {
  /** The response's Content-Type: a `text/html` body needs a feed root element to be parsed. */
  contentType?: string;
  /**
   * Deepest element nesting accepted before `too-complex`.
   * @defaultValue 256
   */
  maxDepth?: number;
  /**
   * Items kept per feed; past it the newest are kept (by date; undated items rank last, then by
   * document order) and the rest counted in `droppedItems`.
   * @defaultValue 1000
   */
  maxItems?: number;
}

export const DEFAULT_MAX_ITEMS = 1000;

function rootFormat(shape: FeedShape): FeedFormat {
  const local = (shape.rootName ?? '').replace(/^.*:/, '').toLowerCase();
  return local === 'feed' ? 'atom' : local === 'rdf' ? 'rdf' : 'rss';
}

function positiveInt(value: unknown): number | undefined {
  const text = nonBlank(value);
  if (!text || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 ? n : undefined;
}

function orNone(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** A copy without the undefined fields (copied rather than `delete`d: deleting turns V8 objects slow). */
function compact<T extends object>(value: T): T {
  const out = {} as T;
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out;
}

/**
 * Maps rss-parser's output (RSS 0.9x/1.0/2.0 and Atom, via xml2js) to our shape. Reads only the
 * fields in `RSS_PARSER_FIELDS`: the parse worker sends no others.
 */
export function fromRssParser(output: unknown, format: FeedFormat): Omit<ParsedFeed, 'droppedItems'> {
  const feed = asRecord(output);
  const items = asArray(feed.items).map((raw): ParsedItem => {
    const item = asRecord(raw);
    const atom = format === 'atom';
    return compact({
      guid: nonBlank(item.guid) ?? nonBlank(item.id) ?? nonBlank(item['rdf:about']),
      link: linkOf(item.link),
      title: textOf(item.title),
      summary: atom ? textOf(item.summary) : textOf(item.content),
      contentHtml: atom ? textOf(item.content) : textOf(item['content:encoded']),
      published: nonBlank(item.pubDate) ?? nonBlank(item.date) ?? nonBlank(item['dc:date']) ?? nonBlank(item.isoDate),
      language: nonBlank(item.language),
      author: nonBlank(item.creator) ?? nonBlank(item.author) ?? nonBlank(item['dc:creator']),
      categories: orNone(textsOf(item.categories)),
    });
  });
  return compact({
    title: nonBlank(feed.title) ?? '',
    link: linkOf(feed.link),
    language: nonBlank(feed.language),
    ttlMinutes: positiveInt(feed.ttl),
    items,
    format,
    parser: 'rss-parser' as const,
  });
}

function atomLink(links: unknown): string | undefined {
  const list = asArray(links).map(asRecord);
  const alternate = list.find((l) => (l.rel === undefined || l.rel === 'alternate') && typeof l.href === 'string');
  return linkOf(alternate?.href ?? list[0]?.href);
}

/** Maps feedsmith's output (any of its four formats) to our shape. */
export function fromFeedsmith(output: unknown): Omit<ParsedFeed, 'droppedItems'> {
  const { format, feed: rawFeed } = asRecord(output) as { format?: unknown; feed?: unknown };
  const feed = asRecord(rawFeed);
  const dc = (v: unknown) => asRecord(asRecord(v).dc);
  if (format === 'atom') {
    return compact({
      title: nonBlank(feed.title) ?? '',
      link: atomLink(feed.links),
      language: nonBlank(asRecord(feed.xml).lang),
      items: asArray(feed.entries).map((raw): ParsedItem => {
        const entry = asRecord(raw);
        return compact({
          guid: nonBlank(entry.id),
          link: atomLink(entry.links),
          title: textOf(entry.title),
          summary: textOf(entry.summary),
          contentHtml: textOf(entry.content),
          published: nonBlank(entry.published) ?? nonBlank(entry.updated) ?? nonBlank(dc(entry).dates),
          language: nonBlank(asRecord(entry.xml).lang),
          author: nonBlank(asRecord(asArray(entry.authors)[0]).name),
          categories: orNone(textsOf(entry.categories, (c) => asRecord(c).label ?? asRecord(c).term)),
        });
      }),
      format: 'atom' as const,
      parser: 'feedsmith' as const,
    });
  }
  if (format === 'json') return { ...fromJsonFeedObject(feed), parser: 'feedsmith' };
  const rdf = format === 'rdf';
  return compact({
    title: nonBlank(feed.title) ?? '',
    link: linkOf(feed.link),
    language: nonBlank(feed.language) ?? nonBlank(dc(feed).languages),
    ttlMinutes: positiveInt(feed.ttl),
    items: asArray(feed.items).map((raw): ParsedItem => {
      const item = asRecord(raw);
      const author = asRecord(asArray(item.authors)[0]);
      return compact({
        guid: nonBlank(asRecord(item.guid).value) ?? (rdf ? nonBlank(asRecord(item.rdf).about) : undefined),
        link: linkOf(item.link),
        title: textOf(item.title),
        summary: textOf(item.description),
        contentHtml: textOf(asRecord(item.content).encoded),
        published: nonBlank(item.pubDate) ?? nonBlank(dc(item).dates),
        language: nonBlank(dc(item).languages),
        author: nonBlank(author.name) ?? nonBlank(author.email) ?? nonBlank(dc(item).creators),
        categories: orNone([...textsOf(item.categories, (c) => asRecord(c).name), ...textsOf(dc(item).subjects)]),
      });
    }),
    format: rdf ? ('rdf' as const) : ('rss' as const),
    parser: 'feedsmith' as const,
  });
}

/** Maps a JSON Feed 1.0/1.1 object (already JSON-parsed) to our shape. */
export function fromJsonFeedObject(value: unknown): Omit<ParsedFeed, 'droppedItems'> {
  const feed = asRecord(value);
  return compact({
    title: nonBlank(feed.title) ?? '',
    link: linkOf(feed.home_page_url),
    language: nonBlank(feed.language),
    items: asArray(feed.items).map((raw): ParsedItem => {
      const item = asRecord(raw);
      const author = asRecord(asArray(item.authors)[0] ?? item.author); // 1.1 `authors`, 1.0 `author`
      return compact({
        guid: nonBlank(item.id),
        link: linkOf(item.url) ?? linkOf(item.external_url),
        title: textOf(item.title),
        summary: textOf(item.summary),
        contentHtml: textOf(item.content_html) ?? textOf(item.content_text),
        published: nonBlank(item.date_published) ?? nonBlank(item.date_modified),
        language: nonBlank(item.language),
        author: nonBlank(author.name),
        categories: orNone(textsOf(item.tags)),
      });
    }),
    format: 'json' as const,
    parser: 'json' as const,
  });
}

function parseJsonFeed(text: string): Omit<ParsedFeed, 'droppedItems'> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedPollError('parse-error', `JSON body does not parse: ${(error as Error).message}`, { cause: error });
  }
  const record = asRecord(value);
  const version = typeof record.version === 'string' ? record.version : '';
  if (!/jsonfeed\.org\/version\//i.test(version) && !(typeof record.title === 'string' && Array.isArray(record.items))) {
    throw new FeedPollError('not-a-feed', 'JSON body is not a JSON Feed (no jsonfeed.org version)');
  }
  return fromJsonFeedObject(record);
}

/** Keeps the `max` newest items: dated ones newest first, then undated ones in document order. */
export function keepNewestItems(items: ParsedItem[], max: number): { items: ParsedItem[]; dropped: number } {
  if (items.length <= max) return { items, dropped: 0 };
  const ranked = items
    .map((item, index) => ({ item, index, time: parseFeedDate(item.published)?.getTime() ?? -Infinity }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index);
  return { items: ranked.map((r) => r.item), dropped: items.length - max };
}

/**
 * Safety scan, then rss-parser (`defaultRSS: 2`), then feedsmith when rss-parser throws or finds
 * no item, then a tag-soup scan for items (ill-formed but recoverable feeds). `runner` decides
 * where rss-parser and feedsmith run.
 */
export async function parseFeedWith(runner: RawFeedParser, text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const shape = inspectFeedText(text, { contentType: options.contentType, maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH });
  let parsed: Omit<ParsedFeed, 'droppedItems'>;
  if (shape.kind === 'json') {
    parsed = parseJsonFeed(text);
  } else {
    // Strict XML forbids anything before the declaration; some generators emit blank lines.
    parsed = await parseXml(runner, text.trimStart(), shape);
  }
  const { items, dropped } = keepNewestItems(parsed.items, options.maxItems ?? DEFAULT_MAX_ITEMS);
  return { ...parsed, items, droppedItems: dropped };
}

/** sax reports well-formedness errors with their position; rss-parser's own errors have none. */
function isXmlSyntaxError(error: RawParserFailure): boolean {
  return /\nLine: \d+\s*\nColumn: \d+/.test(error.message) || /Unable to parse XML/.test(error.message);
}

async function parseXml(runner: RawFeedParser, text: string, shape: FeedShape): Promise<Omit<ParsedFeed, 'droppedItems'>> {
  let primary: Omit<ParsedFeed, 'droppedItems'> | undefined;
  let primaryError: RawParserFailure | undefined;
  try {
    primary = fromRssParser(await runner.parse('rss-parser', text), rootFormat(shape));
    if (primary.items.length > 0 || shape.itemCount === 0) return primary;
  } catch (error) {
    if (!(error instanceof RawParserFailure)) throw error;
    primaryError = error;
  }
  // rss-parser threw, or found no item where the scan saw some (items outside <channel>, an
  // unknown root): ask feedsmith, whose parser recovers from most ill-formed markup.
  let fallback: Omit<ParsedFeed, 'droppedItems'> | undefined;
  let fallbackError: RawParserFailure | undefined;
  try {
    fallback = fromFeedsmith(await runner.parse('feedsmith', text));
  } catch (error) {
    if (!(error instanceof RawParserFailure)) throw error;
    fallbackError = error;
  }
  if (fallback && fallback.items.length > 0) return fallback;
  if (primary) return primary; // well-formed, and truly without items
  if (shape.feedRoot) {
    const soup = parseTagSoup(text, rootFormat(shape), shape.rootName);
    if (soup.items.length > 0) return soup;
    // The XML parsed, but rss-parser's builder choked on a missing <channel> (`<rss
    // version="2.0"></rss>`, an empty RDF): a well-formed feed without items is an empty poll.
    if (primaryError && !isXmlSyntaxError(primaryError) && shape.itemCount === 0) return soup;
  }
  if (!shape.feedRoot) {
    throw new FeedPollError('not-a-feed', `<${shape.rootName}> document is not RSS, Atom or RDF (${primaryError?.message})`);
  }
  throw new FeedPollError(
    'parse-error',
    `no parser recovers an item: ${primaryError?.message}${fallbackError ? `; ${fallbackError.message}` : ''}`,
  );
}

/** Parses on the calling thread. For benchmarks and trusted input: a pathological feed blocks the thread. */
export function parseFeedInThread(text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  return parseFeedWith(new InThreadRawParser(), text, options);
}

/**
 * Parses feeds in worker threads with a time and memory limit. Create one per process and
 * `close()` it at shutdown.
 */
export class FeedParser {
  constructor(private readonly runner: RawFeedParser = new ParseWorkerPool()) {}

  parse(text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
    return parseFeedWith(this.runner, text, options);
  }

  async close(): Promise<void> {
    if (this.runner instanceof ParseWorkerPool) await this.runner.close();
  }
}
