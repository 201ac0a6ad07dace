import type { Job, JobQueue } from '../job-queue';
import { UnrecoverableJobError } from '../job-queue';

/** A deliver-notification payload; only its identity matters to the queue. */
export const delivery = (alertId: string) => ({
  alertId,
  subscriptionId: 's',
  clusterId: 'c',
  update: 0,
  ruleIds: ['r'],
  severity: 'high' as const,
  attempt: 1,
});

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
      queue.process('classify-story', (job) => {
        seen.push(job.data.storyId);
        return Promise.resolve();
      });
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
        (job) => {
          if (job.attempt < 3) return Promise.reject(new Error(`receiver down (attempt ${job.attempt})`));
          done = job;
          return Promise.resolve();
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
        (job) =>
          Promise.reject(job.data.storyId === 'gone' ? new UnrecoverableJobError('story does not exist') : new Error('always fails')),
        {
          retry: { attempts: 2, backoffMs: 10 },
          onFailed: (job, _e, willRetry) => failures.push([job.data.storyId, job.attempt, willRetry]),
        },
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
      queue.process('classify-story', () => {
        ranAt.push(Date.now());
        return Promise.resolve();
      });
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

    it('runs background jobs after every waiting job that is not, in order within each kind', async () => {
      const order: string[] = [];
      const enqueue = (storyId: string, background: boolean) => queue.enqueue({ name: 'classify-story', data: { storyId }, background });
      for (let i = 1; i <= 3; i++) await enqueue(`b${i}`, true);
      await enqueue('f1', false);
      await enqueue('b4', true);
      await enqueue('f2', false);
      queue.process(
        'classify-story',
        (job) => {
          order.push(job.data.storyId);
          return Promise.resolve();
        },
        { concurrency: 1 },
      );
      await eventually(() => order.length === 6, 10_000, 'six jobs');
      expect(order).toEqual(['f1', 'f2', 'b1', 'b2', 'b3', 'b4']);
    });

    it('keeps a retried background job behind the others', async () => {
      const order: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      queue.process(
        'classify-story',
        async (job) => {
          order.push(`${job.data.storyId}#${job.attempt}`);
          if (job.data.storyId === 'flaky' && job.attempt === 1) throw new Error('first try fails');
          if (job.data.storyId === 'blocker') await gate;
        },
        // The retry's backoff outlasts the enqueue of the blocker, which the idle worker starts at once.
        { concurrency: 1, retry: { attempts: 2, backoffMs: 300 } },
      );
      await queue.enqueue({ name: 'classify-story', data: { storyId: 'flaky' }, background: true });
      await eventually(() => order.includes('flaky#1'), 10_000, 'the first try');
      await queue.enqueue({ name: 'classify-story', data: { storyId: 'blocker' } });
      await eventually(() => order.includes('blocker#1'), 10_000, 'the blocker to start');
      // Both wait behind the blocker: the retry (background, due meanwhile) and a later foreground job.
      await new Promise((resolve) => setTimeout(resolve, 600));
      await queue.enqueue({ name: 'classify-story', data: { storyId: 'urgent' } });
      release();
      await eventually(() => order.length === 4, 10_000, 'four runs');
      expect(order).toEqual(['flaky#1', 'blocker#1', 'urgent#1', 'flaky#2']);
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
