import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Readable, Transform, TransformCallback, pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import { parseFeedDate } from './dates';
import { DEFAULT_MAX_BODY_BYTES } from './feed-decoder';
import { FeedPollError, FeedFailureReason } from './feed-errors';
import { classifyNetworkError as classifyNetworkFailure, isDroppedConnection } from '@chipwatch/platform';

export const DEFAULT_USER_AGENT = 'chipwatch/0.1 (+https://github.com/chipwatch/chipwatch)';
// Feed types first, then XML, then anything: a strict Accept gets 406s from some servers.
export const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.8';

export interface FeedFetcherOptions {
  /**
   * Time to establish the TCP (and TLS) connection, per hop.
   * @defaultValue 10000
   */
  connectTimeoutMs?: number;
  /**
   * Time for the whole fetch, redirects and body included: a server that drips bytes fails here.
   * @defaultValue 30000
   */
  totalTimeoutMs?: number;
  /**
   * Cap on the body after decompression, enforced while streaming (endless bodies, gzip bombs).
   * @defaultValue 10 MB
   */
  maxBodyBytes?: number;
  /**
   * Redirects followed before `too-many-redirects`. A loop fails on its first repeat.
   * @defaultValue 5
   */
  maxRedirects?: number;
  /** @defaultValue `chipwatch/0.1 (+https://github.com/chipwatch/chipwatch)` */
  userAgent?: string;
  /** @defaultValue feed types, then XML, then `*\/*;q=0.8` */
  accept?: string;
  /**
   * The clock that turns `Retry-After: <seconds>` into an instant.
   * @defaultValue `() => new Date()`
   */
  clock?: () => Date;
  /**
   * DNS lookup for connections: a place to refuse private addresses, and a seam for tests.
   * @defaultValue the system resolver
   */
  lookup?: LookupFunction;
}

/** Cache validators from the previous successful fetch. */
export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

interface FetchResultBase {
  status: number;
  /** The URL asked for. */
  url: string;
  /** The URL that answered, after redirects: the base for relative links. */
  finalUrl: string;
  redirects: number;
  /** Every redirect was 301/308: the feed has moved and its configured URL may be updated. */
  movedPermanently: boolean;
  etag?: string;
  lastModified?: string;
  /** Cache-Control `max-age`, in seconds. */
  cacheMaxAgeSec?: number;
  retryAfter?: Date;
  contentType?: string;
  /** Wall time of the fetch, from a monotonic clock. */
  elapsedMs: number;
}

export interface FetchedFeed extends FetchResultBase {
  notModified: false;
  /** The body, decompressed, not decoded. */
  body: Uint8Array;
}

export interface NotModifiedFeed extends FetchResultBase {
  notModified: true;
  status: 304;
}

export type FetchFeedResult = FetchedFeed | NotModifiedFeed;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/** Retry-After as seconds or an HTTP date, as an instant; undefined when it reads as neither. */
export function parseRetryAfter(value: string | undefined, now: Date): Date | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return new Date(now.getTime() + Number(text) * 1000);
  return parseFeedDate(text);
}

/** Cache-Control `max-age` in seconds; undefined when absent (`s-maxage` is for shared caches). */
export function parseCacheMaxAge(value: string | undefined): number | undefined {
  const match = value ? /(?:^|[,\s])max-age\s*=\s*"?(\d+)"?/i.exec(value) : null;
  return match ? Number(match[1]) : undefined;
}

/** Maps a network error (undici's or Node's) to a failure reason. */
export function classifyNetworkError(error: unknown): FeedFailureReason {
  return classifyNetworkFailure(error);
}

function statusFailure(status: number, retryAfter: Date | undefined): FeedPollError {
  if (status === 429) {
    return new FeedPollError('rate-limited', 'HTTP 429 Too Many Requests', { httpStatus: status, retryAfter });
  }
  if (status >= 500) return new FeedPollError('http-5xx', `HTTP ${status}`, { httpStatus: status, retryAfter });
  if (status >= 300 && status < 400) {
    return new FeedPollError('http-4xx', `HTTP ${status} without a usable Location`, { httpStatus: status });
  }
  return new FeedPollError('http-4xx', `HTTP ${status}`, { httpStatus: status, retryAfter });
}

/** Inflates `deflate` bodies whether they carry a zlib header (RFC 9110) or are raw, as some servers send. */
class AutoInflate extends Transform {
  private inner?: zlib.Inflate | zlib.InflateRaw;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const zlibHeader = chunk.length >= 2 && (chunk[0] & 0x0f) === 8 && ((chunk[0] << 8) | chunk[1]) % 31 === 0;
      const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
      this.inner = zlibHeader ? zlib.createInflate(options) : zlib.createInflateRaw(options);
      this.inner.on('data', (data: Buffer) => {
        if (!this.push(data)) this.inner!.pause();
      });
      this.inner.on('error', (error) => this.destroy(error));
    }
    if (this.inner.write(chunk)) callback();
    else this.inner.once('drain', () => callback());
  }

  override _read(size: number): void {
    this.inner?.resume();
    super._read(size);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
  }
}

function decoders(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  // Truncated compressed bodies still yield what arrived, as browsers and curl do.
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  return codings.reverse().map((coding) => {
    if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip(lenient);
    if (coding === 'deflate') return new AutoInflate();
    if (coding === 'br') {
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    }
    throw new FeedPollError('decode', `unsupported Content-Encoding: ${coding}`);
  });
}

/**
 * Fetches feeds over HTTP(S) with undici: conditional GET, decompression, timeouts, a size cap
 * and manual redirects (so loops are caught and the final URL is known). Create one per process
 * and `close()` it at shutdown; it keeps connections alive between polls.
 */
export class FeedFetcher {
  private readonly agent: Agent;
  private readonly totalTimeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly maxRedirects: number;
  private readonly userAgent: string;
  private readonly accept: string;
  private readonly clock: () => Date;

  constructor(options: FeedFetcherOptions = {}) {
    this.totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.accept = options.accept ?? DEFAULT_ACCEPT;
    this.clock = options.clock ?? (() => new Date());
    const connectTimeout = options.connectTimeoutMs ?? 10_000;
    this.agent = new Agent({
      connect: { timeout: connectTimeout, ...(options.lookup ? { lookup: options.lookup } : {}) },
      headersTimeout: this.totalTimeoutMs,
      bodyTimeout: this.totalTimeoutMs,
      connections: 8,
    });
  }

  /** Fetches a feed. Resolves with the body or `notModified`; rejects only with `FeedPollError`. */
  async fetch(url: string, validators: FeedValidators = {}): Promise<FetchFeedResult> {
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.totalTimeoutMs);
    try {
      return await this.follow(url, validators, controller, started);
    } catch (error) {
      if (error instanceof FeedPollError) throw error;
      if (controller.signal.aborted) {
        throw new FeedPollError('timeout', `no complete response within ${this.totalTimeoutMs} ms`, { cause: error });
      }
      const reason = classifyNetworkError(error);
      throw new FeedPollError(reason, `${reason}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async follow(url: string, validators: FeedValidators, controller: AbortController, started: number): Promise<FetchFeedResult> {
    const visited = new Set<string>();
    let current = url;
    let redirects = 0;
    let movedPermanently = true;
    for (;;) {
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        throw new FeedPollError('connection', `not a URL: ${current}`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new FeedPollError('connection', `unsupported URL scheme ${parsed.protocol} (${current})`);
      }
      parsed.hash = '';
      visited.add(parsed.href);

      const headers: Record<string, string> = {
        'user-agent': this.userAgent,
        accept: this.accept,
        'accept-encoding': 'gzip, deflate, br',
      };
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

      const response = await this.send(parsed, headers, controller);
      const status = response.statusCode;
      const responseHeaders = response.headers as Record<string, string | string[] | undefined>;
      const location = header(responseHeaders, 'location');

      if (REDIRECTS.has(status) && location) {
        await response.body.dump().catch(() => undefined);
        let next: URL;
        try {
          next = new URL(location, parsed);
        } catch {
          throw new FeedPollError('http-4xx', `HTTP ${status} to an invalid Location: ${location}`, { httpStatus: status });
        }
        next.hash = '';
        if (visited.has(next.href)) {
          throw new FeedPollError('too-many-redirects', `redirect loop: ${parsed.href} → ${next.href}`, { httpStatus: status });
        }
        if (redirects >= this.maxRedirects) {
          throw new FeedPollError('too-many-redirects', `more than ${this.maxRedirects} redirects (last to ${next.href})`, {
            httpStatus: status,
          });
        }
        if (status !== 301 && status !== 308) movedPermanently = false;
        redirects++;
        current = next.href;
        continue;
      }

      const base: FetchResultBase = {
        status,
        url,
        finalUrl: parsed.href,
        redirects,
        movedPermanently: redirects > 0 && movedPermanently,
        elapsedMs: 0,
      };
      const etag = header(responseHeaders, 'etag');
      const lastModified = header(responseHeaders, 'last-modified');
      const cacheMaxAgeSec = parseCacheMaxAge(header(responseHeaders, 'cache-control'));
      const retryAfter = parseRetryAfter(header(responseHeaders, 'retry-after'), this.clock());
      const contentType = header(responseHeaders, 'content-type');
      if (etag !== undefined) base.etag = etag;
      if (lastModified !== undefined) base.lastModified = lastModified;
      if (cacheMaxAgeSec !== undefined) base.cacheMaxAgeSec = cacheMaxAgeSec;
      if (retryAfter !== undefined) base.retryAfter = retryAfter;
      if (contentType !== undefined) base.contentType = contentType;

      if (status === 304) {
        await response.body.dump().catch(() => undefined);
        // A 304 may omit the validators; the ones we sent are still current.
        return {
          ...base,
          etag: base.etag ?? validators.etag,
          lastModified: base.lastModified ?? validators.lastModified,
          status: 304,
          notModified: true,
          elapsedMs: performance.now() - started,
        };
      }
      if (status < 200 || status >= 300) {
        await response.body.dump().catch(() => undefined);
        throw statusFailure(status, retryAfter);
      }

      const body = await this.readBody(response.body, responseHeaders, controller);
      return { ...base, notModified: false, body, elapsedMs: performance.now() - started };
    }
  }

  /**
   * One GET, sent again at once on a new connection when the first attempt's connection dropped
   * before any response header. That is the keep-alive race: undici reused a pooled socket just
   * as the server closed it for idleness (Node's server does after 5 s; our expiry timer fires
   * late when the event loop is busy), and a browser retries a GET once in this case. undici 7
   * only narrows the race (it checks an idle socket for a FIN already received before reuse; an
   * in-client retry, nodejs/undici#5403, was closed unmerged), and its retry interceptor does not
   * fit: it also retries after the headers (resuming the body with Range), waits between tries,
   * and its callback cannot tell an error before the headers from one after. Here the line is
   * exact, since `request()` settles once the headers arrive. undici has dropped the failed
   * socket, so the retry goes out on a new connection (or another pooled one that passed the
   * idle check), within the same total-timeout signal.
   */
  private async send(url: URL, headers: Record<string, string>, controller: AbortController): Promise<Dispatcher.ResponseData> {
    const options = { method: 'GET', headers, dispatcher: this.agent, signal: controller.signal } as const;
    try {
      return await request(url, options);
    } catch (error) {
      if (controller.signal.aborted || !isDroppedConnection(error)) throw error;
      return request(url, options);
    }
  }

  private async readBody(
    body: Readable,
    headers: Record<string, string | string[] | undefined>,
    controller: AbortController,
  ): Promise<Uint8Array> {
    const max = this.maxBodyBytes;
    const contentEncoding = header(headers, 'content-encoding');
    const declared = Number(header(headers, 'content-length'));
    const tooLarge = () => new FeedPollError('too-large', `body exceeds ${max} bytes`);
    let chain: Transform[];
    try {
      chain = decoders(contentEncoding);
    } catch (error) {
      body.destroy();
      throw error;
    }
    if (chain.length === 0 && Number.isFinite(declared) && declared > max) {
      body.destroy();
      controller.abort();
      throw tooLarge();
    }

    // pipeline() forwards errors and destroys every stage; what comes out is the last decoder's output.
    if (chain.length > 0) pipeline([body, ...chain], () => undefined);
    const source: Readable = chain.at(-1) ?? body;
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of source) {
        const buffer = chunk as Buffer;
        total += buffer.length;
        if (total > max) {
          controller.abort();
          throw tooLarge();
        }
        chunks.push(buffer);
      }
    } catch (error) {
      source.destroy();
      body.destroy();
      if (error instanceof FeedPollError) throw error;
      if (controller.signal.aborted) throw error; // the total timeout; mapped by the caller
      // zlib reports Z_DATA_ERROR and friends; brotli ERR__ERROR_FORMAT_*.
      const code = (error as { code?: unknown }).code;
      if (chain.length > 0 && typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__'))) {
        throw new FeedPollError('decode', `cannot decompress ${contentEncoding} body: ${(error as Error).message}`, {
          cause: error,
        });
      }
      throw error;
    }
    return Buffer.concat(chunks, total);
  }
}
