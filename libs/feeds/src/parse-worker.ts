import { Worker } from 'node:worker_threads';
import RssParser from 'rss-parser';
import { FeedPollError } from './feed-errors';

/** The third-party parsers we run, by name. */
export type RawParserName = 'rss-parser' | 'feedsmith';

/** Runs one third-party parser on a text and returns its untrusted output. */
export interface RawFeedParser {
  parse(parser: RawParserName, text: string): Promise<unknown>;
}

/** A third-party parser threw: the orchestration decides whether to fall back. */
export class RawParserFailure extends Error {
  constructor(
    readonly parser: RawParserName,
    message: string,
    /** The error's class name inside the parser (feedsmith's `DetectError`, rss-parser's `Error`). */
    readonly errorName: string,
  ) {
    super(`${parser}: ${message}`);
    this.name = 'RawParserFailure';
  }
}

/**
 * The fields of rss-parser's output that `fromRssParser` reads: the only ones the worker sends
 * back. The rest (`contentSnippet`, `content:encodedSnippet`, `itunes`, `enclosure`, ...) was 40%
 * of what the worker cloned for the main thread, for nothing. Values are sent whole.
 */
export const RSS_PARSER_FIELDS = {
  feed: ['title', 'link', 'language', 'ttl'],
  item: [
    'guid',
    'id',
    'rdf:about',
    'link',
    'title',
    'summary',
    'content',
    'content:encoded',
    'pubDate',
    'date',
    'dc:date',
    'isoDate',
    'language',
    'creator',
    'author',
    'dc:creator',
    'categories',
  ],
} as const;

// Kept as a string and started with `eval: true` so the same code runs under jest (which would
// otherwise hand the worker a .ts file it cannot load) and from dist/ (where `nest build` copies
// no .js assets). It only calls the libraries and drops the fields of rss-parser's output that
// nothing reads (RSS_PARSER_FIELDS); mapping their output stays in typed code.
// The libraries are located by the parent (`require.resolve`) and passed in as absolute paths.
const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const RssParser = require(workerData.rssParserPath);
const { feed: FEED_FIELDS, item: ITEM_FIELDS } = workerData.rssParserFields;
let feedsmith; // loaded on first fallback: it takes longer to load than a typical parse

const isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
function pick(record, fields) {
  const out = {};
  for (const field of fields) if (record[field] !== undefined) out[field] = record[field];
  return out;
}
function pickRssParserFields(output) {
  if (!isRecord(output)) return output;
  const feed = pick(output, FEED_FIELDS);
  const items = output.items;
  if (items !== undefined) feed.items = Array.isArray(items) ? items.map((item) => (isRecord(item) ? pick(item, ITEM_FIELDS) : item)) : items;
  return feed;
}

parentPort.on('message', async ({ id, parser, text }) => {
  let reply;
  try {
    const value = parser === 'rss-parser'
      ? pickRssParserFields(await new RssParser(workerData.rssParserOptions).parseString(text))
      : (feedsmith ??= require(workerData.feedsmithPath)).parseFeed(text);
    reply = { id, ok: true, value };
  } catch (error) {
    reply = { id, ok: false, name: (error && error.name) || 'Error', message: String((error && error.message) || error) };
  }
  try {
    parentPort.postMessage(reply);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, name: 'DataCloneError', message: String(error && error.message) });
  }
});
`;

// feedsmith takes ~0.5 s to load and is only needed when rss-parser fails: load it on first use.
let feedsmith: typeof import('feedsmith') | undefined;
async function loadFeedsmith(): Promise<typeof import('feedsmith')> {
  feedsmith ??= await import('feedsmith');
  return feedsmith;
}

/** Options shared by the in-thread and worker parsers: always `defaultRSS: 2` (one more real feed parsed). */
export const RSS_PARSER_OPTIONS = { defaultRSS: 2 } as const;

/** Runs the parsers on the calling thread: for benchmarks and tiny inputs. A pathological feed blocks the thread. */
export class InThreadRawParser implements RawFeedParser {
  async parse(parser: RawParserName, text: string): Promise<unknown> {
    try {
      if (parser === 'rss-parser') {
        // A fresh instance per parse: xml2js adds an 'end' listener per parseString call, so a
        // reused instance would call back into earlier parses.
        return await new RssParser({ ...RSS_PARSER_OPTIONS }).parseString(text);
      }
      return (await loadFeedsmith()).parseFeed(text);
    } catch (error) {
      const e = error as { name?: string; message?: string } | undefined;
      throw new RawParserFailure(parser, String(e?.message ?? error), e?.name ?? 'Error');
    }
  }
}

export interface ParseWorkerPoolOptions {
  /**
   * Number of worker threads. Parsing is CPU-bound and the machine has 2 cores.
   * @defaultValue 1
   */
  size?: number;
  /**
   * Wall-clock limit for one parser run; the worker is terminated and replaced past it.
   * @defaultValue 10000
   */
  timeLimitMs?: number;
  /**
   * V8 old-generation heap per worker. rss-parser needs about 8× the text size; 10 MB bodies fit.
   * @defaultValue 256
   */
  maxOldGenerationSizeMb?: number;
  /**
   * Stack per worker, so recursion in a parser ends in a RangeError, not a crash.
   * @defaultValue 4
   */
  stackSizeMb?: number;
}

interface Task {
  id: number;
  parser: RawParserName;
  text: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  timer?: NodeJS.Timeout;
}

type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; name: string; message: string };

/**
 * A small pool of long-lived parse workers. A worker that runs past the time limit or out of
 * memory is terminated, its task fails with `too-complex`, and a fresh one takes its place.
 * Idle workers are unref'd: an idle pool never keeps the process alive.
 */
export class ParseWorkerPool implements RawFeedParser {
  private readonly size: number;
  private readonly timeLimitMs: number;
  private readonly resourceLimits: { maxOldGenerationSizeMb: number; stackSizeMb: number };
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ParseWorkerPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? 1));
    this.timeLimitMs = options.timeLimitMs ?? 10_000;
    this.resourceLimits = {
      maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? 256,
      stackSizeMb: options.stackSizeMb ?? 4,
    };
  }

  parse(parser: RawParserName, text: string): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('ParseWorkerPool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, parser, text, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates every worker; queued and running parses fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('ParseWorkerPool closed'));
    await Promise.all(
      this.slots.splice(0).map(async (slot) => {
        clearTimeout(slot.timer);
        slot.task?.reject(new Error('ParseWorkerPool closed'));
        slot.worker.removeAllListeners();
        await slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.timer = setTimeout(
        () => this.fail(slot, new FeedPollError('too-complex', `${task.parser} ran past ${this.timeLimitMs} ms`)),
        this.timeLimitMs,
      );
      slot.worker.postMessage({ id: task.id, parser: task.parser, text: task.text });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        rssParserPath: require.resolve('rss-parser'),
        feedsmithPath: require.resolve('feedsmith'),
        rssParserOptions: RSS_PARSER_OPTIONS,
        rssParserFields: RSS_PARSER_FIELDS,
      },
      resourceLimits: this.resourceLimits,
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker };
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const task = slot.task;
      if (!task || reply.id !== task.id) return;
      clearTimeout(slot.timer);
      slot.task = undefined;
      slot.worker.unref();
      if (reply.ok) task.resolve(reply.value);
      else task.reject(new RawParserFailure(task.parser, reply.message, reply.name));
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too-complex' : 'parse-error';
      this.fail(slot, new FeedPollError(reason, `parse worker died: ${error.message}`, { cause: error }));
    });
    worker.on('exit', () => this.fail(slot, new FeedPollError('parse-error', 'parse worker exited')));
    this.slots.push(slot);
    return slot;
  }

  /** Fails the slot's task and replaces its worker (a worker past its limits cannot be trusted). */
  private fail(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    clearTimeout(slot.timer);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    slot.task?.reject(error);
    slot.task = undefined;
    if (!this.closed) this.dispatch();
  }
}
