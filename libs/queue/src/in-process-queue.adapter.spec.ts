import { InProcessJobQueue } from './in-process-queue.adapter';
import { runQueueConformance } from './testing/queue.conformance';

runQueueConformance({
  adapter: 'in-process',
  create: () => Promise.resolve(new InProcessJobQueue()),
  destroy: () => Promise.resolve(),
});

describe('InProcessJobQueue specifics', () => {
  it('accepts a finished job id again once the dedupe window has passed', async () => {
    const queue = new InProcessJobQueue({ dedupeWindowMs: 50 });
    const runs: string[] = [];
    queue.process('classify-story', (job) => {
      runs.push(job.id);
      return Promise.resolve();
    });
    await queue.enqueue({ name: 'classify-story', data: { storyId: 'a' }, jobId: 'same' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await queue.enqueue({ name: 'classify-story', data: { storyId: 'a' }, jobId: 'same' })).added).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await queue.enqueue({ name: 'classify-story', data: { storyId: 'a' }, jobId: 'same' })).added).toBe(true);
    await queue.close();
  });

  it('refuses new jobs once closing', async () => {
    const queue = new InProcessJobQueue();
    await queue.close();
    await expect(queue.enqueue({ name: 'classify-story', data: { storyId: 'x' } })).rejects.toThrow(/closing/);
  });
});
