import { AddressInfo, createServer, Socket } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { FeedPollError } from './feed-errors';
import { FeedFetcher, FeedFetcherOptions, FetchedFeed } from './feed-fetcher';
import { drip, FeedServer, respond, startFeedServer } from './testing/feed-server';
import { RSS_2 } from './testing/feed-documents';

const RSS_TYPE = { 'content-type': 'application/rss+xml; charset=utf-8' };
const clockNow = new Date('2025-06-02T09:00:00Z');

let server: FeedServer;
let fetcher: FeedFetcher;
const fetchers: FeedFetcher[] = [];

function makeFetcher(options: FeedFetcherOptions = {}): FeedFetcher {
  const made = new FeedFetcher({ clock: () => clockNow, ...options });
  fetchers.push(made);
  return made;
}

async function failure(promise: Promise<unknown>): Promise<FeedPollError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FeedPollError);
    return error as FeedPollError;
  }
  throw new Error('expected a FeedPollError');
}

type Turn = 'answer' | 'close' | 'reset';

interface DroppingServer {
  url: string;
  connections: number;
  requests: number;
  close(): Promise<void>;
}

/**
 * A raw TCP server on 127.0.0.1 that reads each request (a GET: headers only) and then, as
 * `turn(connection, requestOnIt)` says, answers with `response` or drops the connection without
 * a byte back: `close` (FIN, undici's "other side closed") or `reset` (RST, ECONNRESET).
 */
async function startDroppingServer(turn: (connection: number, request: number) => Turn, response: string): Promise<DroppingServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    const connection = ++state.connections;
    let onThis = 0;
    let buffered = '';
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end !== -1; end = buffered.indexOf('\r\n\r\n')) {
        buffered = buffered.slice(end + 4);
        state.requests++;
        const action = turn(connection, ++onThis);
        if (action === 'close') return void socket.destroy();
        if (action === 'reset') return void socket.resetAndDestroy();
        socket.write(response);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: DroppingServer = {
    url: `http://127.0.0.1:${port}/feed`,
    connections: 0,
    requests: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}

const RSS_RESPONSE = `HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(RSS_2)}\r\n\r\n${RSS_2}`;

const gzipBomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20)); // ~50 KB on the wire

beforeAll(async () => {
  let version = 'v1';
  server = await startFeedServer({
    '/feed': respond(200, { ...RSS_TYPE, 'cache-control': 'public, max-age=600' }, RSS_2),
    '/etag': (req, res) => {
      if (req.headers['if-none-match'] === `"${version}"`) return void res.writeHead(304, { etag: `"${version}"` }).end();
      res.writeHead(200, { ...RSS_TYPE, etag: `"${version}"` }).end(RSS_2);
    },
    '/last-modified': (req, res) => {
      const stamp = 'Mon, 02 Jun 2025 08:00:00 GMT';
      if (req.headers['if-modified-since'] === stamp) return void res.writeHead(304).end();
      res.writeHead(200, { ...RSS_TYPE, 'last-modified': stamp }).end(RSS_2);
    },
    '/bump': (_req, res) => {
      version = 'v2';
      res.end('ok');
    },
    '/r1': respond(301, { location: '/r2' }),
    '/r2': respond(302, { location: '/feed' }),
    '/p1': respond(308, { location: '/p2' }),
    '/p2': respond(301, { location: '/feed' }),
    '/loop-a': respond(302, { location: '/loop-b' }),
    '/loop-b': respond(302, { location: '/loop-a' }),
    ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`/hop${i}`, respond(302, { location: `/hop${i + 1}` })])),
    '/hop8': respond(200, RSS_TYPE, RSS_2),
    '/five': respond(302, { location: '/hop4' }), // five, hop4..hop7: 5 redirects in all, allowed
    '/gzip': respond(200, { ...RSS_TYPE, 'content-encoding': 'gzip' }, gzipSync(RSS_2)),
    '/br': respond(200, { ...RSS_TYPE, 'content-encoding': 'br' }, brotliCompressSync(RSS_2)),
    '/deflate': respond(200, { ...RSS_TYPE, 'content-encoding': 'deflate' }, deflateSync(RSS_2)),
    '/deflate-raw': respond(200, { ...RSS_TYPE, 'content-encoding': 'deflate' }, deflateRawSync(RSS_2)),
    '/corrupt-gzip': respond(200, { ...RSS_TYPE, 'content-encoding': 'gzip' }, Buffer.from('this is not gzip at all')),
    '/gzip-bomb': respond(200, { ...RSS_TYPE, 'content-encoding': 'gzip' }, gzipBomb),
    '/endless': drip(RSS_TYPE, Buffer.alloc(16 * 1024, 0x20), 0),
    '/slow-drip': drip(RSS_TYPE, '<', 50),
    '/no-headers': () => undefined, // never answers
    '/big-declared': respond(200, { ...RSS_TYPE, 'content-length': 5 * 1024 * 1024 }),
    '/cut': (_req, res) => {
      res.writeHead(200, { ...RSS_TYPE, 'content-length': 10_000 });
      res.write('<rss version="2.0">');
      setTimeout(() => res.socket?.destroy(), 20);
    },
    '/429': respond(429, { 'retry-after': '120' }, 'slow down'),
    '/429-date': respond(429, { 'retry-after': 'Mon, 02 Jun 2025 10:00:00 GMT' }),
    '/503': respond(503, { 'retry-after': '30' }, 'maintenance'),
    '/500': respond(500, {}, 'boom'),
    '/410': respond(410, {}, 'gone'),
    '/empty': respond(200, RSS_TYPE, ''),
  });
  fetcher = makeFetcher();
});

afterAll(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  await server.close();
});

describe('FeedFetcher', () => {
  it('fetches a feed with a sane User-Agent, Accept and Accept-Encoding', async () => {
    const result = (await fetcher.fetch(server.url('/feed'))) as FetchedFeed;
    expect(result).toMatchObject({
      notModified: false,
      status: 200,
      finalUrl: server.url('/feed'),
      redirects: 0,
      cacheMaxAgeSec: 600,
      contentType: RSS_TYPE['content-type'],
    });
    expect(Buffer.from(result.body).toString('utf8')).toBe(RSS_2);
    const { headers } = server.requests.find((r) => r.path === '/feed')!;
    expect(headers['user-agent']).toMatch(/^chipwatch\/[\d.]+ \(\+https:\/\/github\.com\/chipwatch\/chipwatch\)$/);
    expect(headers.accept).toContain('application/rss+xml');
    expect(headers.accept).toContain('*/*;q=0.8');
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('makes a conditional GET with the ETag and gets 304', async () => {
    const first = await fetcher.fetch(server.url('/etag'));
    expect(first).toMatchObject({ notModified: false, etag: '"v1"' });
    const second = await fetcher.fetch(server.url('/etag'), { etag: first.etag });
    expect(second).toMatchObject({ notModified: true, status: 304, etag: '"v1"' });
    expect(server.requests.filter((r) => r.path === '/etag').at(-1)!.headers['if-none-match']).toBe('"v1"');
    // the feed changes: the old validator gets a full response and the new ETag
    await fetcher.fetch(server.url('/bump'));
    const third = await fetcher.fetch(server.url('/etag'), { etag: first.etag });
    expect(third).toMatchObject({ notModified: false, etag: '"v2"' });
  });

  it('makes a conditional GET with Last-Modified and gets 304', async () => {
    const first = await fetcher.fetch(server.url('/last-modified'));
    expect(first.lastModified).toBe('Mon, 02 Jun 2025 08:00:00 GMT');
    const second = await fetcher.fetch(server.url('/last-modified'), { lastModified: first.lastModified });
    expect(second).toMatchObject({ notModified: true, lastModified: 'Mon, 02 Jun 2025 08:00:00 GMT' });
  });

  it('follows redirects and reports the final URL', async () => {
    const result = await fetcher.fetch(server.url('/r1'));
    expect(result).toMatchObject({ status: 200, finalUrl: server.url('/feed'), redirects: 2, movedPermanently: false });
    expect(await fetcher.fetch(server.url('/p1'))).toMatchObject({ redirects: 2, movedPermanently: true });
    expect(await fetcher.fetch(server.url('/five'))).toMatchObject({ redirects: 5, status: 200 });
  });

  it('fails a redirect loop and a long chain with too-many-redirects', async () => {
    expect((await failure(fetcher.fetch(server.url('/loop-a')))).reason).toBe('too-many-redirects');
    const chain = await failure(fetcher.fetch(server.url('/hop0')));
    expect(chain.reason).toBe('too-many-redirects');
    expect(chain.message).toMatch(/more than 5 redirects/);
  });

  it('decompresses gzip, brotli and both kinds of deflate', async () => {
    for (const path of ['/gzip', '/br', '/deflate', '/deflate-raw']) {
      const result = (await fetcher.fetch(server.url(path))) as FetchedFeed;
      expect(Buffer.from(result.body).toString('utf8')).toBe(RSS_2);
    }
  });

  it('fails a corrupt compressed body with decode', async () => {
    expect((await failure(fetcher.fetch(server.url('/corrupt-gzip')))).reason).toBe('decode');
  });

  it('stops a gzip bomb at the decompressed cap', async () => {
    const small = makeFetcher({ maxBodyBytes: 1024 * 1024 });
    const started = Date.now();
    const error = await failure(small.fetch(server.url('/gzip-bomb')));
    expect(error.reason).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops an endless body at the cap', async () => {
    const small = makeFetcher({ maxBodyBytes: 256 * 1024 });
    expect((await failure(small.fetch(server.url('/endless')))).reason).toBe('too-large');
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const small = makeFetcher({ maxBodyBytes: 1024 * 1024 });
    expect((await failure(small.fetch(server.url('/big-declared')))).reason).toBe('too-large');
  });

  it('times out a slow drip at the total timeout', async () => {
    const quick = makeFetcher({ totalTimeoutMs: 400 });
    const started = Date.now();
    expect((await failure(quick.fetch(server.url('/slow-drip')))).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out a server that never answers', async () => {
    const quick = makeFetcher({ totalTimeoutMs: 300 });
    expect((await failure(quick.fetch(server.url('/no-headers')))).reason).toBe('timeout');
  });

  it('applies the connect timeout on its own, well before the total timeout', async () => {
    // A resolver that never answers: the connection never starts, and no packet leaves the machine.
    const stuck = makeFetcher({ connectTimeoutMs: 200, totalTimeoutMs: 10_000, lookup: () => undefined });
    const started = Date.now();
    expect((await failure(stuck.fetch('http://never.invalid/rss'))).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('maps 429 with Retry-After seconds to rate-limited', async () => {
    const error = await failure(fetcher.fetch(server.url('/429')));
    expect(error).toMatchObject({ reason: 'rate-limited', httpStatus: 429 });
    expect(error.retryAfter).toEqual(new Date(clockNow.getTime() + 120_000));
  });

  it('reads Retry-After as an HTTP date', async () => {
    const error = await failure(fetcher.fetch(server.url('/429-date')));
    expect(error.retryAfter).toEqual(new Date('2025-06-02T10:00:00Z'));
  });

  it('maps 503 to http-5xx with retryAfter, 500 to http-5xx and 410 to http-4xx', async () => {
    const unavailable = await failure(fetcher.fetch(server.url('/503')));
    expect(unavailable).toMatchObject({ reason: 'http-5xx', httpStatus: 503, retryAfter: new Date(clockNow.getTime() + 30_000) });
    expect(await failure(fetcher.fetch(server.url('/500')))).toMatchObject({ reason: 'http-5xx', httpStatus: 500 });
    expect(await failure(fetcher.fetch(server.url('/410')))).toMatchObject({ reason: 'http-4xx', httpStatus: 410 });
  });

  it('returns an empty 200 as an empty body (the parser decides)', async () => {
    const result = (await fetcher.fetch(server.url('/empty'))) as FetchedFeed;
    expect(result.body.byteLength).toBe(0);
  });

  it('maps a connection cut mid-body to connection, without a retry once headers arrived', async () => {
    expect((await failure(fetcher.fetch(server.url('/cut')))).reason).toBe('connection');
    expect(server.requests.filter((r) => r.path === '/cut')).toHaveLength(1);
  });

  it.each([
    ['closes', 'close'],
    ['resets', 'reset'],
  ] as const)('retries once at once on a new connection when the server %s it before answering', async (_, drop) => {
    const dropping = await startDroppingServer((connection) => (connection === 1 ? drop : 'answer'), RSS_RESPONSE);
    try {
      const result = (await makeFetcher().fetch(dropping.url)) as FetchedFeed;
      expect(Buffer.from(result.body).toString('utf8')).toBe(RSS_2);
      expect(dropping).toMatchObject({ connections: 2, requests: 2 });
    } finally {
      await dropping.close();
    }
  });

  it('retries a request on a reused keep-alive socket that the server drops (the idle-close race)', async () => {
    const dropping = await startDroppingServer(
      (connection, request) => (connection === 1 && request === 2 ? 'close' : 'answer'),
      RSS_RESPONSE,
    );
    try {
      const pooled = makeFetcher();
      await pooled.fetch(dropping.url);
      // undici frees the connection once the body has ended, a turn after the fetch resolves;
      // `requests: 3` below shows the second fetch did go out on it.
      await new Promise((resolve) => setImmediate(resolve));
      const result = (await pooled.fetch(dropping.url)) as FetchedFeed;
      expect(Buffer.from(result.body).toString('utf8')).toBe(RSS_2);
      expect(dropping).toMatchObject({ connections: 2, requests: 3 });
    } finally {
      await dropping.close();
    }
  });

  it('reports connection after two dropped attempts, at once and not after the timeout', async () => {
    const dropping = await startDroppingServer(() => 'close', RSS_RESPONSE);
    try {
      const started = Date.now();
      const error = await failure(makeFetcher({ totalTimeoutMs: 10_000 }).fetch(dropping.url));
      expect(error.reason).toBe('connection');
      expect(error.message).toMatch(/other side closed/);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(dropping).toMatchObject({ connections: 2, requests: 2 });
    } finally {
      await dropping.close();
    }
  });

  it('maps a refused connection to connection', async () => {
    const closed = await startFeedServer({});
    const url = closed.url('/feed');
    await closed.close();
    expect((await failure(fetcher.fetch(url))).reason).toBe('connection');
  });

  it('maps a failed name lookup to dns (the resolver is replaced: no query leaves the machine)', async () => {
    const noDns = makeFetcher({
      lookup: (hostname, _options, callback) => {
        const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
        (callback as (e: Error) => void)(error);
      },
    });
    expect((await failure(noDns.fetch('http://feeds.invalid/rss'))).reason).toBe('dns');
  });

  it('refuses URLs that are not http(s)', async () => {
    expect((await failure(fetcher.fetch('file:///etc/passwd'))).reason).toBe('connection');
    expect((await failure(fetcher.fetch('not a url'))).reason).toBe('connection');
  });
});
