/**
 * One polling cycle over many feeds, in a process of its own so its CPU time and peak RSS are
 * its own. Run by poll-cycle.bench.ts with the feed server's port; prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LookupFunction } from 'node:net';
import { SqliteEventStore } from '@chipwatch/event-store';
import {
  FeedFetcher,
  FeedParser,
  FeedPoller,
  HostLimiter,
  ParseWorkerPool,
  StoryRecorder,
  type FeedState,
  type FeedDefinition,
} from '@chipwatch/feeds';

const [port, feedCount] = process.argv.slice(2).map(Number);

/** Every bench host is this machine: the per-host limit still applies per name, as for real hosts. */
const lookup: LookupFunction = (_hostname, options, callback) => {
  if ((options as { all?: boolean }).all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

async function cycle(poller: FeedPoller, feeds: FeedDefinition[], states: Map<string, FeedState | undefined>, slot: string): Promise<void> {
  const hosts = new HostLimiter(2);
  let next = 0;
  const worker = async () => {
    while (next < feeds.length) {
      const feed = feeds[next++];
      const record = await hosts.run(feed.url, () => poller.poll({ feed, slot, state: states.get(feed.id), correlationId: slot }));
      if (record.type === 'FeedPolled' && record.data.etag) {
        states.set(feed.id, {
          ...(states.get(feed.id) ?? ({} as FeedState)),
          etag: record.data.etag,
          lastModified: record.data.lastModified ?? null,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chipwatch-poll-bench-'));
  const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  await store.migrate();
  const fetcher = new FeedFetcher({ lookup });
  const parser = new FeedParser(new ParseWorkerPool({ size: 1 }));
  const poller = new FeedPoller({ store, fetcher, stories: new StoryRecorder(store), now: () => new Date(), parser });
  const feeds: FeedDefinition[] = Array.from({ length: feedCount }, (_, i) => ({
    id: `f${i}`,
    url: `http://feed-${i}.bench.test:${port}/feed/${i}.xml`,
    interval: 600_000,
    tags: [],
    enabled: true,
  }));
  const states = new Map<string, FeedState | undefined>();
  await cycle(poller, feeds, states, 'warm-up');
  await fetch(`http://127.0.0.1:${port}/advance`, { method: 'POST' });

  const cpu = process.cpuUsage();
  const started = performance.now();
  await cycle(poller, feeds, states, 'measured');
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const head = await store.headPosition();
  await parser.close();
  await fetcher.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, events: head }) +
      '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? (error.stack ?? error) : error) + '\n');
  process.exit(1);
});
