import { CharsetSource, decodeFeedBytes } from './feed-decoder';
import { FeedPollError } from './feed-errors';
import type { FeedFetcher, FeedValidators, FetchedFeed, NotModifiedFeed } from './feed-fetcher';
import { FeedFormat, FeedParser, FeedParserName, ParseFeedOptions } from './feed-parser';
import { NormalisedStory, normaliseStories } from './story-normaliser';

export interface IngestOptions extends ParseFeedOptions {
  contentType?: string;
  /** The URL the body came from (after redirects): the base for relative links. */
  feedUrl: string;
  feedId: string;
  /** First-seen time for undated items. */
  now: Date;
  /** Language configured for the feed. */
  languageHint?: string;
  /**
   * Where the parsers run.
   * @defaultValue a shared worker pool of one thread (see `sharedFeedParser`)
   */
  parser?: FeedParser;
  /**
   * Cap for a gzip body that arrived without Content-Encoding, once inflated.
   * @defaultValue 10 MB
   */
  maxBytes?: number;
}

/** What a poll learned about the feed itself. */
export interface FeedSummary {
  title: string;
  link?: string;
  language?: string;
  ttlMinutes?: number;
  format: FeedFormat;
  parser: FeedParserName;
  charset: string;
  charsetSource: CharsetSource;
}

export interface IngestResult {
  feed: FeedSummary;
  stories: NormalisedStory[];
  /** Items in the document (before the item cap and de-duplication). */
  itemsSeen: number;
  /** Items past `maxItems`, oldest first, left out. */
  droppedItems: number;
  /** Items listed twice in the document (same link, GUID and title), kept once. */
  duplicateItems: number;
}

let shared: FeedParser | undefined;

/** A process-wide parser on a one-thread worker pool, created on first use. Its idle worker keeps no process alive. */
export function sharedFeedParser(): FeedParser {
  shared ??= new FeedParser();
  return shared;
}

/** Terminates the shared parser's worker (at shutdown, or between test files). */
export async function closeSharedFeedParser(): Promise<void> {
  const parser = shared;
  shared = undefined;
  await parser?.close();
}

/**
 * decode → safety scan → parse → normalise, on bytes already fetched. Rejects with
 * `FeedPollError` only. This is also the benchmark's entry point.
 */
export async function ingestBody(bytes: Uint8Array, options: IngestOptions): Promise<IngestResult> {
  const decoded = decodeFeedBytes(bytes, { contentType: options.contentType, maxBytes: options.maxBytes });
  const parser = options.parser ?? sharedFeedParser();
  const parsed = await parser.parse(decoded.text, options);
  const { stories, duplicateItems } = normaliseStories(parsed, {
    feedId: options.feedId,
    feedUrl: options.feedUrl,
    now: options.now,
    languageHint: options.languageHint,
  });
  const feed: FeedSummary = {
    title: parsed.title,
    format: parsed.format,
    parser: parsed.parser,
    charset: decoded.charset,
    charsetSource: decoded.charsetSource,
  };
  if (parsed.link !== undefined) feed.link = parsed.link;
  if (parsed.language !== undefined) feed.language = parsed.language;
  if (parsed.ttlMinutes !== undefined) feed.ttlMinutes = parsed.ttlMinutes;
  return {
    feed,
    stories,
    itemsSeen: parsed.items.length + parsed.droppedItems,
    droppedItems: parsed.droppedItems,
    duplicateItems,
  };
}

export interface PollFeedInput {
  feedId: string;
  url: string;
  validators?: FeedValidators;
  languageHint?: string;
  now: Date;
}

export type PollFeedOutcome =
  { notModified: true; fetch: NotModifiedFeed } | { notModified: false; fetch: FetchedFeed; result: IngestResult };

/**
 * One poll: fetch (conditional), then `ingestBody`. Rejects with `FeedPollError` only; the caller
 * records `FeedPolled` or `FeedPollFailed` and schedules the next poll with `nextPollAt`.
 */
export async function pollFeed(
  deps: { fetcher: FeedFetcher; parser?: FeedParser },
  input: PollFeedInput,
  options: ParseFeedOptions = {},
): Promise<PollFeedOutcome> {
  const fetched = await deps.fetcher.fetch(input.url, input.validators);
  if (fetched.notModified) return { notModified: true, fetch: fetched };
  try {
    const result = await ingestBody(fetched.body, {
      ...options,
      contentType: fetched.contentType,
      feedUrl: fetched.finalUrl,
      feedId: input.feedId,
      now: input.now,
      languageHint: input.languageHint,
      parser: deps.parser,
    });
    return { notModified: false, fetch: fetched, result };
  } catch (error) {
    if (error instanceof FeedPollError) throw error;
    throw new FeedPollError('parse-error', `unexpected failure: ${(error as Error)?.message ?? error}`, { cause: error });
  }
}
