import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { transformFileSync } from '@swc/core';
import { round, type Bench } from './bench-kit';

const ROOT = join(__dirname, '..');

/**
 * Compiles the child and every TypeScript module it reaches to CommonJS in `outDir`, once, with
 * @swc/core (as `nest build` compiles them with tsc: ES2022, legacy decorators with metadata),
 * so that the child runs plain JavaScript. Under `-r @swc-node/register` the child's peak RSS
 * held the compiler itself (about 80 MB before our first import) and the source of every module
 * compiled on the fly: that measured the bench's tooling, not the production code.
 * Returns the compiled entry.
 */
function compileToJavaScript(entry: string, outDir: string): string {
  const paths = (JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } })
    .compilerOptions.paths;
  const pending = [resolve(entry)];
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const { code } = transformFileSync(file, {
      swcrc: false,
      sourceMaps: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        baseUrl: ROOT,
        paths,
      },
      module: { type: 'commonjs' },
    });
    const target = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
    // Path aliases come out as relative requires: follow those to the TypeScript they name.
    for (const [, specifier] of code.matchAll(/require\("(\.{1,2}\/[^"]*)"\)/g)) {
      const base = resolve(dirname(file), specifier);
      const source = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      if (source) pending.push(source);
    }
  }
  return join(outDir, relative(ROOT, entry)).replace(/\.ts$/, '.js');
}

const FEEDS = 1_000;
const ITEMS = 20;

function feedXml(feed: number, generation: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const n = generation * ITEMS + i;
    return `<item><title>Feed ${feed} story ${n}: chip news</title><link>http://news-${feed}.bench.test/story/${n}</link><guid>f${feed}-${n}</guid><description>Story ${n} of feed ${feed}, about export licences for accelerators.</description><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>http://news-${feed}.bench.test/</link>${items.join('')}</channel></rss>`;
}

/**
 * `poll.cycle1000`: one polling cycle over 1,000 feeds of 20 items on a local server, half
 * answering 304 and half serving 20 new items, through the production poller into SQLite.
 * Goal: under 20 s and 300 MB on this machine. No baseline: the figures are absolute.
 */
export const pollCycleBench: Bench = {
  name: 'poll.cycle1000',
  async run() {
    let generation = 0;
    const server = createServer((request, response) => {
      if (request.url === '/advance') {
        generation++;
        response.writeHead(204).end();
        return;
      }
      const feed = Number(/\/feed\/(\d+)\.xml/.exec(request.url ?? '')?.[1]);
      // Odd feeds publish every cycle; even ones do not change and answer 304.
      const version = feed % 2 === 1 ? generation : 0;
      const etag = `"f${feed}-v${version}"`;
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(feedXml(feed, version));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const jsDir = mkdtempSync(join(tmpdir(), 'chipwatch-poll-bench-js-'));
    try {
      const child = compileToJavaScript(join(__dirname, 'poll-cycle.child.ts'), jsDir);
      const { stdout } = await promisify(execFile)(process.execPath, [child, String(port), String(FEEDS)], {
        cwd: ROOT,
        // The compiled files live outside the repository: bare imports resolve from its node_modules.
        env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
        maxBuffer: 1024 * 1024,
      });
      const result = JSON.parse(stdout.trim().split('\n').pop()!) as { wallMs: number; cpuMs: number; maxRssMb: number };
      const note = `${FEEDS} feeds × ${ITEMS} items, half 304; goal < 20 s and < 300 MB`;
      return [
        { name: 'poll.cycle1000.wall', unit: 's', value: round(result.wallMs / 1000, 2), baseline: null, ratio: null, note },
        { name: 'poll.cycle1000.cpu', unit: 's', value: round(result.cpuMs / 1000, 2), baseline: null, ratio: null, note },
        { name: 'poll.cycle1000.peakRss', unit: 'MB', value: round(result.maxRssMb), baseline: null, ratio: null, note },
      ];
    } finally {
      server.close();
      rmSync(jsDir, { recursive: true, force: true });
    }
  },
};
