import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job as BullJob, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobMap, JobName } from '../job-map';
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
} from '../job-queue';

export interface BullMqQueueOptions {
  /** Redis URL (`redis://` or `rediss://`), e.g. the validated `REDIS_URL`. */
  connection: string;
  /**
   * Namespace of every Redis key (`<prefix>:<job name>:...`). Persisted: changing it orphans
   * queued jobs.
   * @defaultValue 'chipwatch'
   */
  prefix?: string;
  /**
   * How long a finished (completed or failed) job stays in Redis, and so keeps blocking a re-add
   * with the same id. BullMQ evicts aged jobs only when a later job of the same name finishes, so
   * on an idle queue the block can outlast the window.
   * @defaultValue 3600000
   */
  dedupeWindowMs?: number;
  /**
   * How long a worker's claim on a running job lasts without renewal (renewed at half of it while
   * the handler runs), and how often workers look for jobs whose claim lapsed. A job of a worker
   * that died runs again on another worker after one to three times this long.
   * @defaultValue 30000
   */
  lockDurationMs?: number;
  /**
   * Receives errors that belong to no job: lost connections, reconnect attempts, failures while
   * closing. Job failures go to `ProcessOptions.onFailed`.
   * @defaultValue writes a process warning (stderr)
   */
  onError?: (error: Error, source: string) => void;
}

/** What a BullMQ job holds: our payload, and the token that tells this add from a concurrent one. */
interface StoredJobData<N extends JobName = JobName> {
  payload: JobMap[N];
  addToken: string;
}

type StoredJob = BullJob<StoredJobData, void, JobName>;

/** Reconnects forever after a dropped connection, backing off to one attempt every 5 s. */
const reconnectDelay = (times: number) => Math.min(times * 200, 5_000);

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 1_000 };

/**
 * Jobs are added with this many attempts; the worker's `RetryPolicy` (given to `process()`, not
 * known at `enqueue()`) ends a job earlier by throwing BullMQ's `UnrecoverableError`.
 */
const ATTEMPTS_CEILING = 100;

/** Any priority puts a job behind the un-prioritized ones; one value keeps background jobs FIFO. */
const BACKGROUND_PRIORITY = 1;
/** Backoff type stored on every job (persisted); resolved by the worker's own strategy. */
const RETRY_POLICY_BACKOFF = 'chipwatch-retry-policy';

/**
 * Maps our id to a BullMQ job id, injectively and reversibly. BullMQ refuses custom ids that
 * contain ':' (they collide with its key separator) or that look like integers (they collide with
 * its own counter): '%' and ':' are percent-escaped, and an integer-looking id gets its first
 * character escaped.
 */
export function toBullJobId(jobId: string): string {
  if (jobId === '') throw new TypeError('jobId must not be empty');
  const escaped = jobId.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
  if (`${parseInt(escaped, 10)}` !== escaped) return escaped;
  return `%${escaped.charCodeAt(0).toString(16).toUpperCase()}${escaped.slice(1)}`;
}

export function fromBullJobId(bullJobId: string): string {
  return decodeURIComponent(bullJobId);
}

/**
 * The distributed mode's queue: one BullMQ queue per job name (queue name = job name, a persisted
 * string), one BullMQ worker per `process()` call. Several processes may run it on one prefix:
 * BullMQ's locks give each job to one worker at a time, and a job id is added once while the job
 * waits, runs or stays stored (`dedupeWindowMs`).
 */
export class BullMqJobQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly prefix: string;
  private readonly keepFinished: { age: number } | true;
  private readonly lockDurationMs: number;
  private readonly reportError: (error: Error, source: string) => void;
  /** Commands of the queues, `ping` and read-backs; workers get their own connections. */
  private readonly redis: Redis;
  private readonly queues = new Map<JobName, Queue<StoredJobData, void, JobName>>();
  private readonly workers = new Map<JobName, Worker<StoredJobData, void, JobName>>();
  private closing: Promise<void> | null = null;

  constructor(options: BullMqQueueOptions) {
    this.prefix = options.prefix ?? 'chipwatch';
    const windowSeconds = Math.ceil((options.dedupeWindowMs ?? 3_600_000) / 1000);
    this.keepFinished = windowSeconds > 0 ? { age: windowSeconds } : true;
    this.lockDurationMs = options.lockDurationMs ?? 30_000;
    this.reportError =
      options.onError ?? ((error, source) => process.emitWarning(`${source}: ${error.message}`, { code: 'CHIPWATCH_QUEUE' }));
    this.redis = new Redis(options.connection, {
      // Producers fail fast while Redis is away (enqueue rejects after ~1 s of reconnecting)
      // rather than hanging a request; the connection itself keeps reconnecting.
      maxRetriesPerRequest: 3,
      retryStrategy: reconnectDelay,
      connectionName: `${this.prefix}:producer`,
    });
    this.redis.on('error', (error: Error) => this.reportError(error, 'redis'));
  }

  async enqueue<N extends JobName>(request: JobRequest<N>): Promise<EnqueueResult> {
    const jobId = request.jobId ?? randomUUID();
    if (this.closing) throw new Error(`queue is closing: ${request.name} job ${jobId} not accepted`);
    const bullJobId = toBullJobId(jobId);
    const addToken = randomUUID();
    const queue = this.queue(request.name);
    await queue.add(
      request.name,
      { payload: request.data, addToken },
      {
        jobId: bullJobId,
        delay: Math.max(0, request.delayMs ?? 0),
        // BullMQ takes jobs without a priority (its wait list) before any prioritized one.
        ...(request.background ? { priority: BACKGROUND_PRIORITY } : {}),
        attempts: ATTEMPTS_CEILING,
        backoff: { type: RETRY_POLICY_BACKOFF },
        removeOnComplete: this.keepFinished,
        removeOnFail: this.keepFinished,
      },
    );
    if (request.jobId === undefined) return { jobId, added: true };
    // BullMQ answers a duplicate id exactly as a new job. Whose data is stored tells them apart,
    // also between two processes adding the same id at once.
    const stored = await queue.getJob(bullJobId);
    return { jobId, added: stored === undefined || stored.data.addToken === addToken };
  }

  process<N extends JobName>(name: N, handler: JobHandler<N>, options: ProcessOptions<N> = {}): void {
    if (this.closing) throw new Error(`queue is closing: no handler for ${name} jobs accepted`);
    if (this.workers.has(name)) throw new Error(`a handler for ${name} jobs is already registered`);
    const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
    const processor = (bullJob: StoredJob, _token?: string, signal?: AbortSignal) => this.run(bullJob, handler, retry, options, signal);
    const worker = new Worker<StoredJobData, void, JobName>(name, processor, {
      connection: this.workerConnection(name),
      prefix: this.prefix,
      concurrency: options.concurrency ?? 4,
      lockDuration: this.lockDurationMs,
      stalledInterval: this.lockDurationMs,
      settings: { backoffStrategy: (attemptsMade) => retry.backoffMs * 2 ** (attemptsMade - 1) },
    });
    worker.on('error', (error) => this.reportError(error, `worker ${name}`));
    this.workers.set(name, worker);
  }

  async counts(name: JobName): Promise<QueueCounts> {
    // A paused queue keeps its jobs in the wait list (BullMQ 5+): 'waiting' includes them.
    const counts = await this.queue(name).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  /** Rejects unless Redis answers within 2 s (a health check must not hang on a reconnecting client). */
  async ping(): Promise<void> {
    await withTimeout(this.redis.ping(), 2_000, () => new Error(`redis did not answer PING within 2000 ms (${this.redis.status})`));
  }

  async close(timeoutMs = 10_000): Promise<void> {
    this.closing ??= this.shutdown(timeoutMs);
    return this.closing;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    const workers = [...this.workers.values()];
    // Worker.close() stops fetching and waits for running handlers; it cannot be hurried once
    // begun. Past the deadline the workers' connections are cut first, so that nothing about the
    // jobs still running is written, then those jobs are abandoned (see run()). Their locks lapse
    // and another worker runs them again (stalled-job recovery); the handlers are not stopped.
    const closed = Promise.allSettled(workers.map((worker) => worker.close()));
    const drained = await withTimeout(
      closed.then(() => true),
      timeoutMs,
      () => new Error('timeout'),
    ).catch(() => false);
    if (!drained) {
      this.reportError(new Error(`jobs still running after ${timeoutMs} ms; abandoning them to another worker`), 'close');
      await Promise.allSettled(workers.map((worker) => worker.disconnect()));
      for (const worker of workers) worker.cancelAllJobs('queue closed');
      await withTimeout(closed, 5_000, () => new Error('workers did not stop 5000 ms after their jobs were abandoned')).catch(
        (error: Error) => this.reportError(error, 'close'),
      );
    }
    const queues = await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    for (const result of queues) if (result.status === 'rejected') this.reportError(asError(result.reason), 'close');
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private queue(name: JobName): Queue<StoredJobData, void, JobName> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue<StoredJobData, void, JobName>(name, { connection: this.redis, prefix: this.prefix });
      queue.on('error', (error) => this.reportError(error, `queue ${name}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Same server and credentials as the producer; BullMQ requires unlimited retries for workers.
   * BullMQ opens (and closes) two connections from these: this one, and a blocking one it names.
   */
  private workerConnection(name: JobName): RedisOptions {
    return {
      ...this.redis.options,
      retryStrategy: reconnectDelay,
      maxRetriesPerRequest: null,
      connectionName: `${this.prefix}:worker:${name}`,
    };
  }

  private async run<N extends JobName>(
    bullJob: StoredJob,
    handler: JobHandler<N>,
    retry: RetryPolicy,
    options: ProcessOptions<N>,
    abandoned?: AbortSignal,
  ): Promise<void> {
    const job: Job<N> = {
      id: fromBullJobId(bullJob.id!),
      name: bullJob.name as N,
      data: bullJob.data.payload as JobMap[N],
      attempt: bullJob.attemptsMade + 1,
    };
    const started = performance.now();
    try {
      await untilAborted(handler(job), abandoned);
    } catch (error) {
      // Abandoned by a forced close: neither a failure nor a completion.
      if (abandoned?.aborted) throw asError(error);
      const lastAttempt = Math.min(retry.attempts, bullJob.opts.attempts ?? 1);
      const willRetry = !(error instanceof UnrecoverableJobError) && job.attempt < lastAttempt;
      this.notify(() => options.onFailed?.(job, error, willRetry));
      if (willRetry) throw asError(error);
      // BullMQ would retry up to the job's ATTEMPTS_CEILING: only this error type stops it.
      const final = new UnrecoverableError(asError(error).message);
      final.cause = error;
      throw final;
    }
    this.notify(() => options.onCompleted?.(job, performance.now() - started));
  }

  /** A throwing metrics callback must not turn a job's outcome around. */
  private notify(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.reportError(asError(error), 'ProcessOptions callback');
    }
  }
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** Settles with `work`, or rejects as soon as `signal` aborts (the work itself carries on). */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error(`job abandoned: ${String(signal.reason ?? 'aborted')}`));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
