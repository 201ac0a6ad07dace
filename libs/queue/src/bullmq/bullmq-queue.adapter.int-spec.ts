import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { JobQueue } from '../job-queue';
import { delivery, runQueueConformance, type QueueHarness } from '../testing/queue.conformance';
import { BullMqJobQueue, type BullMqQueueOptions } from './bullmq-queue.adapter';

const REDIS_URL = process.env.CHIPWATCH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const uniquePrefix = () => `cw-test-${process.pid}-${randomBytes(4).toString('hex')}`;

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Deletes every key under `prefix` (SCAN + UNLINK) on a connection of its own. */
async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** Queues on one unique prefix; `destroy` closes any still open and removes their keys. */
function bullMqHarness(options: Partial<BullMqQueueOptions> = {}) {
  let prefix = uniquePrefix();
  const opened: JobQueue[] = [];
  const errors: Error[] = [];
  return {
    adapter: 'bullmq' as const,
    get prefix() {
      return prefix;
    },
    errors,
    create(overrides: Partial<BullMqQueueOptions> = {}): Promise<BullMqJobQueue> {
      const queue = new BullMqJobQueue({ connection: REDIS_URL, prefix, onError: (error) => errors.push(error), ...options, ...overrides });
      opened.push(queue);
      return Promise.resolve(queue);
    },
    async destroy(): Promise<void> {
      await Promise.all(opened.splice(0).map((queue) => queue.close(5_000)));
      await deleteKeys(prefix);
      prefix = uniquePrefix();
      const unexpected = errors.splice(0);
      if (unexpected.length > 0) throw new Error(`unexpected queue errors: ${unexpected.map((error) => error.message).join('; ')}`);
    },
  };
}

/** Names of the server's client connections that belong to `prefix` (BullMQ and ours name them so). */
async function connectionsOf(prefix: string): Promise<string[]> {
  const redis = new Redis(REDIS_URL);
  try {
    const list = (await redis.client('LIST')) as string;
    return [...list.matchAll(/ name=(\S+)/g)].map((match) => match[1]).filter((name) => name.startsWith(prefix));
  } finally {
    await redis.quit();
  }
}

const conformance: QueueHarness = bullMqHarness();
runQueueConformance(conformance);

describe('BullMqJobQueue specifics', () => {
  const harness = bullMqHarness();

  afterEach(() => harness.destroy());

  it('runs each job once when two instances consume the same queue', async () => {
    const [a, b] = [await harness.create(), await harness.create()];
    const runs = new Map<string, number>();
    const count = (job: { id: string }) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      return Promise.resolve();
    };
    a.process('classify-story', count, { concurrency: 3 });
    b.process('classify-story', count, { concurrency: 3 });
    const ids = Array.from({ length: 60 }, (_, i) => `classify-story:s${i}`);
    const results = await Promise.all(
      ids.map((id, i) => (i % 2 ? a : b).enqueue({ name: 'classify-story', data: { storyId: id }, jobId: id })),
    );
    expect(results.every((result) => result.added)).toBe(true);
    await eventually(() => runs.size === ids.length, 10_000, 'every job to run');
    await eventually(async () => (await a.counts('classify-story')).active === 0, 10_000, 'queue to drain');
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it('adds an id enqueued from two instances at once only once', async () => {
    const [a, b] = [await harness.create(), await harness.create()];
    const ids = Array.from({ length: 25 }, (_, i) => `deliver:alert${i}:sub`);
    const results = await Promise.all(
      ids.flatMap((id) => [a, b].map((queue) => queue.enqueue({ name: 'deliver-notification', data: delivery(id), jobId: id }))),
    );
    for (const id of ids) {
      const forId = results.filter((result) => result.jobId === id);
      expect(forId.map((result) => result.added).sort()).toEqual([false, true]);
    }
    expect(await a.counts('deliver-notification')).toEqual({ waiting: ids.length, active: 0, delayed: 0, failed: 0 });

    const runs: string[] = [];
    b.process('deliver-notification', (job) => {
      runs.push(job.id);
      return Promise.resolve();
    });
    await eventually(() => runs.length === ids.length, 10_000, 'every job to run');
    expect(runs.sort()).toEqual([...ids].sort());
    // Finished jobs stay stored for the dedupe window: re-adding is still refused.
    expect((await a.enqueue({ name: 'deliver-notification', data: delivery(ids[0]), jobId: ids[0] })).added).toBe(false);
  });

  it('keeps a job in Redis across close() and runs it in a new instance, with its id and data', async () => {
    const producer = await harness.create();
    const jobId = 'poll-feed:f1:2026-11-29T10:00:00.000Z';
    const data = { feedId: 'f1', slot: '2026-11-29T10:00:00.000Z', reason: 'schedule' as const };
    expect(await producer.enqueue({ name: 'poll-feed', data, jobId })).toEqual({ jobId, added: true });
    expect(await producer.enqueue({ name: 'poll-feed', data, jobId: '42' })).toEqual({ jobId: '42', added: true });
    await producer.close();
    await expect(producer.enqueue({ name: 'poll-feed', data })).rejects.toThrow(/closing/);

    const consumer = await harness.create();
    const seen: { id: string; data: unknown; attempt: number }[] = [];
    consumer.process('poll-feed', (job) => {
      seen.push({ id: job.id, data: job.data, attempt: job.attempt });
      return Promise.resolve();
    });
    await eventually(() => seen.length === 2, 10_000, 'jobs from the closed instance');
    expect(seen).toEqual(
      expect.arrayContaining([
        { id: jobId, data, attempt: 1 },
        { id: '42', data, attempt: 1 },
      ]),
    );
  });

  it('applies the retry policy of the consuming process, not of the producer', async () => {
    const producer = await harness.create();
    const consumer = await harness.create();
    const failures: [number, boolean][] = [];
    consumer.process('classify-story', () => Promise.reject(new Error('classifier down')), {
      retry: { attempts: 3, backoffMs: 10 },
      onFailed: (job, _error, willRetry) => failures.push([job.attempt, willRetry]),
    });
    await producer.enqueue({ name: 'classify-story', data: { storyId: 'x' } });
    await eventually(async () => (await producer.counts('classify-story')).failed === 1, 10_000, 'job to fail');
    expect(failures).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
  });

  it('answers ping while connected and closes without leaving connections', async () => {
    const queue = await harness.create();
    await expect(queue.ping()).resolves.toBeUndefined();
    let ran = false;
    queue.process('classify-story', () => {
      ran = true;
      return Promise.resolve();
    });
    await queue.enqueue({ name: 'classify-story', data: { storyId: 'x' } });
    await eventually(() => ran, 10_000, 'job to run');
    expect((await connectionsOf(harness.prefix)).length).toBeGreaterThanOrEqual(3);
    await queue.close();
    await eventually(async () => (await connectionsOf(harness.prefix)).length === 0, 5_000, 'connections to close');
    await expect(queue.ping()).rejects.toThrow();
    expect(harness.errors).toEqual([]);
  });

  it('abandons a stuck handler at the close timeout, leaving its job to another worker', async () => {
    const queue = await harness.create({ lockDurationMs: 1_000 });
    let started = false;
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    queue.process('classify-story', async () => {
      started = true;
      await stuck;
    });
    await queue.enqueue({ name: 'classify-story', data: { storyId: 'stuck' } });
    await eventually(() => started, 10_000, 'job start');
    const closing = Date.now();
    await queue.close(300);
    expect(Date.now() - closing).toBeLessThan(2_000);
    expect(harness.errors.splice(0).map((error) => error.message)).toEqual([expect.stringMatching(/still running after 300 ms/)]);
    expect(await connectionsOf(harness.prefix)).toEqual([]);
    release();

    // The abandoned job was not marked failed or completed: once its lock lapses, another worker runs it.
    const next = await harness.create({ lockDurationMs: 1_000 });
    const reruns: number[] = [];
    next.process('classify-story', (job) => {
      reruns.push(job.attempt);
      return Promise.resolve();
    });
    await eventually(() => reruns.length === 1, 10_000, 'abandoned job to run again');
    expect(reruns).toEqual([1]);
  });
});
