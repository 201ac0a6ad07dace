import type { Job, JobQueue } from '../job-queue';
import { UnrecoverableJobError } from '../job-queue';

/** A deliver-notification payload; only its identity matters to the queue. */
const delivery = (alertId: string) => ({ alertId, subscriptionId: 's', clusterId: 'c', update: 0, ruleIds: ['r'], severity: 'high' as const, attempt: 1 });

export interface QueueHarness {
  readonly adapter: 'in-process' | 'bullmq';
  /** A queue isolated from every other test run (own key prefix). */
  create(): Promise<JobQueue>;
  /** Removes what `create` made (keys, connections). */
  destroy(): Promise<void>;
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One contract for every JobQueue adapter. */
export function runQueueConformance(harness: QueueHarness): void {
  describe(`JobQueue conformance (${harness.adapter})`, () => {
    let queue: JobQueue;

    beforeEach(async () => {
      queue = await harness.create();
    });

    afterEach(async () => {
      await queue.close(5_000);
      await harness.destroy();
    });

    it('runs each enqueued job once with its data, including jobs enqueued before a handler exists', async () => {
      const seen: string[] = [];
      await queue.enqueue({ name: 'classify-story', data: { storyId: 'early' } });
      queue.process('classify-story', async (job) => void seen.push(job.data.storyId));
      await queue.enqueue({ name: 'classify-story', data: { storyId: 'late' } });
      await eventually(() => seen.length === 2, 10_000, 'two jobs');
      expect(seen.sort()).toEqual(['early', 'late']);
    });

    it('adds a job with a derived id only once while it waits, runs or has recently completed', async () => {
      const runs: string[] = [];
      let completed = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      queue.process(
        'poll-feed',
        async (job) => {
          runs.push(job.id);
          await gate;
        },
        { onCompleted: () => completed++ },
      );
      const data = { feedId: 'f1', slot: '2026-11-29T10:00:00.000Z', reason: 'schedule' as const };
      const first = await queue.enqueue({ name: 'poll-feed', data, jobId: 'poll-feed:f1:slot1' });
      expect(first).toEqual({ jobId: 'poll-feed:f1:slot1', added: true });
      await eventually(() => runs.length === 1, 10_000, 'job to start');
      expect((await queue.enqueue({ name: 'poll-feed', data, jobId: 'poll-feed:f1:slot1' })).added).toBe(false);
      release();
      await eventually(() => completed === 1, 10_000, 'first job to complete');
      expect((await queue.enqueue({ name: 'poll-feed', data, jobId: 'poll-feed:f1:slot1' })).added).toBe(false);
      expect((await queue.enqueue({ name: 'poll-feed', data, jobId: 'poll-feed:f1:slot2' })).added).toBe(true);
      await eventually(() => runs.length === 2, 10_000, 'second slot');
      expect(runs).toEqual(['poll-feed:f1:slot1', 'poll-feed:f1:slot2']);
    });

    it('retries a failing job with backoff, reporting each failure', async () => {
      const failures: [number, boolean][] = [];
      let done: Job | undefined;
      queue.process(
        'deliver-notification',
        async (job) => {
          if (job.attempt < 3) throw new Error(`receiver down (attempt ${job.attempt})`);
          done = job;
        },
        { retry: { attempts: 5, backoffMs: 20 }, onFailed: (job, _error, willRetry) => failures.push([job.attempt, willRetry]) },
      );
      await queue.enqueue({ name: 'deliver-notification', data: delivery('a') });
      await eventually(() => done !== undefined, 10_000, 'third attempt');
      expect(done!.attempt).toBe(3);
      expect(failures).toEqual([
        [1, true],
        [2, true],
      ]);
    });

    it('does not retry an unrecoverable error, and gives up after the last attempt', async () => {
      const failures: [string, number, boolean][] = [];
      queue.process(
        'classify-story',
        async (job) => {
          if (job.data.storyId === 'gone') throw new UnrecoverableJobError('story does not exist');
          throw new Error('always fails');
        },
        { retry: { attempts: 2, backoffMs: 10 }, onFailed: (job, _e, willRetry) => failures.push([job.data.storyId, job.attempt, willRetry]) },
      );
      await queue.enqueue({ name: 'classify-story', data: { storyId: 'gone' } });
      await queue.enqueue({ name: 'classify-story', data: { storyId: 'flaky' } });
      await eventually(() => failures.length === 3, 10_000, 'three failures');
      await eventually(async () => (await queue.counts('classify-story')).failed === 2, 10_000, 'failed count');
      expect(failures).toEqual(
        expect.arrayContaining([
          ['gone', 1, false],
          ['flaky', 1, true],
          ['flaky', 2, false],
        ]),
      );
    });

    it('holds a delayed job until its time', async () => {
      const ranAt: number[] = [];
      queue.process('classify-story', async () => void ranAt.push(Date.now()));
      const enqueuedAt = Date.now();
      await queue.enqueue({ name: 'classify-story', data: { storyId: 'later' }, delayMs: 300 });
      await eventually(() => ranAt.length === 1, 10_000, 'delayed job');
      expect(ranAt[0] - enqueuedAt).toBeGreaterThanOrEqual(280);
    });

    it('never runs more jobs of a name at once than its concurrency', async () => {
      let active = 0;
      let peak = 0;
      let finished = 0;
      queue.process(
        'classify-story',
        async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 20));
          active--;
          finished++;
        },
        { concurrency: 2 },
      );
      for (let i = 0; i < 10; i++) await queue.enqueue({ name: 'classify-story', data: { storyId: `s${i}` } });
      await eventually(() => finished === 10, 10_000, 'ten jobs');
      expect(peak).toBe(2);
    });

    it('lets running jobs finish on close', async () => {
      let finished = false;
      let started = false;
      queue.process('classify-story', async () => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 200));
        finished = true;
      });
      await queue.enqueue({ name: 'classify-story', data: { storyId: 'slow' } });
      await eventually(() => started, 10_000, 'job start');
      await queue.close(5_000);
      expect(finished).toBe(true);
    });
  });
}
