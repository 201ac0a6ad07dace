import { randomUUID } from 'node:crypto';
import type { JobName } from './job-map';
import {
  UnrecoverableJobError,
  type EnqueueResult,
  type Job,
  type JobHandler,
  type JobQueue,
  type JobRequest,
  type ProcessOptions,
  type QueueCounts,
  type RetryPolicy,
} from './job-queue';

export interface InProcessQueueOptions {
  /** How long a finished job's id keeps blocking a re-add with the same id. @defaultValue 3600000 */
  dedupeWindowMs?: number;
}

interface Queued {
  job: Job;
  background: boolean;
}

interface Lane {
  ready: Queued[];
  /** Ready background jobs: taken only when `ready` is empty. */
  readyBackground: Queued[];
  delayed: Set<NodeJS.Timeout>;
  active: number;
  failed: number;
  handler?: JobHandler<JobName>;
  options: ProcessOptions & { retry: RetryPolicy; concurrency: number };
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 1_000 };

/**
 * The embedded mode's queue: same contract as BullMQ, held in memory. Jobs do not survive a
 * restart; the reconciler re-derives unfinished work from the log at start-up. Written by hand:
 * the job contract (derived ids, retries, per-name concurrency) is ours and small.
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly lanes = new Map<JobName, Lane>();
  /** jobId → time until which a re-add is refused (Infinity while waiting or running). */
  private readonly known = new Map<string, number>();
  private readonly dedupeWindowMs: number;
  private closing = false;
  private idle: (() => void) | null = null;

  constructor(options: InProcessQueueOptions = {}) {
    this.dedupeWindowMs = options.dedupeWindowMs ?? 3_600_000;
  }

  enqueue<N extends JobName>(request: JobRequest<N>): Promise<EnqueueResult> {
    const jobId = request.jobId ?? randomUUID();
    if (this.closing) return Promise.reject(new Error(`queue is closing: ${request.name} job ${jobId} not accepted`));
    const blockedUntil = this.known.get(jobId);
    if (blockedUntil !== undefined && blockedUntil > Date.now()) return Promise.resolve({ jobId, added: false });
    this.known.set(jobId, Infinity);
    this.forgetExpired();
    const job: Job = { id: jobId, name: request.name, data: request.data, attempt: 1 };
    this.schedule(this.lane(request.name), { job, background: request.background === true }, request.delayMs ?? 0);
    return Promise.resolve({ jobId, added: true });
  }

  process<N extends JobName>(name: N, handler: JobHandler<N>, options: ProcessOptions<N> = {}): void {
    const lane = this.lane(name);
    if (lane.handler) throw new Error(`a handler for ${name} jobs is already registered`);
    lane.handler = handler as JobHandler<JobName>;
    lane.options = {
      ...(options as ProcessOptions),
      concurrency: options.concurrency ?? 4,
      retry: { ...DEFAULT_RETRY, ...options.retry },
    };
    this.pump(lane);
  }

  counts(name: JobName): Promise<QueueCounts> {
    const lane = this.lane(name);
    return Promise.resolve({
      waiting: lane.ready.length + lane.readyBackground.length,
      active: lane.active,
      delayed: lane.delayed.size,
      failed: lane.failed,
    });
  }

  async ping(): Promise<void> {}

  async close(timeoutMs = 10_000): Promise<void> {
    this.closing = true;
    for (const lane of this.lanes.values()) {
      for (const timer of lane.delayed) clearTimeout(timer);
      lane.delayed.clear();
      lane.ready.length = 0;
      lane.readyBackground.length = 0;
    }
    if (this.activeCount() === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private lane(name: JobName): Lane {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = {
        ready: [],
        readyBackground: [],
        delayed: new Set(),
        active: 0,
        failed: 0,
        options: { concurrency: 4, retry: DEFAULT_RETRY },
      };
      this.lanes.set(name, lane);
    }
    return lane;
  }

  private schedule(lane: Lane, queued: Queued, delayMs: number): void {
    const ready = () => {
      (queued.background ? lane.readyBackground : lane.ready).push(queued);
      this.pump(lane);
    };
    if (delayMs <= 0) {
      ready();
      return;
    }
    const timer = setTimeout(() => {
      lane.delayed.delete(timer);
      ready();
    }, delayMs);
    lane.delayed.add(timer);
  }

  private pump(lane: Lane): void {
    while (lane.handler && !this.closing && lane.active < lane.options.concurrency) {
      const next = lane.ready.shift() ?? lane.readyBackground.shift();
      if (!next) return;
      void this.run(lane, next);
    }
  }

  private async run(lane: Lane, queued: Queued): Promise<void> {
    const job = queued.job;
    lane.active++;
    const started = performance.now();
    try {
      await lane.handler!(job);
      this.known.set(job.id, Date.now() + this.dedupeWindowMs);
      lane.options.onCompleted?.(job, performance.now() - started);
    } catch (error) {
      const retry = lane.options.retry;
      const willRetry = !(error instanceof UnrecoverableJobError) && job.attempt < retry.attempts && !this.closing;
      lane.options.onFailed?.(job, error, willRetry);
      if (willRetry) {
        this.schedule(
          lane,
          { job: { ...job, attempt: job.attempt + 1 }, background: queued.background },
          retry.backoffMs * 2 ** (job.attempt - 1),
        );
      } else {
        lane.failed++;
        this.known.set(job.id, Date.now() + this.dedupeWindowMs);
      }
    } finally {
      lane.active--;
      if (this.closing && this.activeCount() === 0) this.idle?.();
      this.pump(lane);
    }
  }

  private activeCount(): number {
    let active = 0;
    for (const lane of this.lanes.values()) active += lane.active;
    return active;
  }

  /** Keeps the dedupe map bounded: drop finished ids past their window, now and then. */
  private forgetExpired(): void {
    if (this.known.size % 1024 !== 0) return;
    const now = Date.now();
    for (const [id, until] of this.known) if (until <= now) this.known.delete(id);
  }
}
