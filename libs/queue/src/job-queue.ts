import type { JobMap, JobName } from './job-map';

export interface JobRequest<N extends JobName = JobName> {
  name: N;
  data: JobMap[N];
  /**
   * Derived idempotency key: a job with an id already waiting, running or recently completed is
   * not added again (e.g. `poll-feed:<feedId>:<slot>`).
   * @defaultValue a random id (no deduplication)
   */
  jobId?: string;
  /** Run no earlier than this many milliseconds from now. @defaultValue 0 */
  delayMs?: number;
  /**
   * Waits behind every ready job of this name that is not background (first in, first out within
   * each kind), also on its retries: for work that can wait when a backlog forms, so that the work
   * that cannot is not stuck behind it. @defaultValue false
   */
  background?: boolean;
}

export interface EnqueueResult {
  jobId: string;
  /** False when a job with this id already existed and nothing was added. */
  added: boolean;
}

export interface Job<N extends JobName = JobName> {
  id: string;
  name: N;
  data: JobMap[N];
  /** 1 on the first try. */
  attempt: number;
}

export type JobHandler<N extends JobName> = (job: Job<N>) => Promise<void>;

export interface RetryPolicy {
  /** Total tries including the first. @defaultValue 5 */
  attempts: number;
  /** First retry delay; doubles each try. @defaultValue 1000 */
  backoffMs: number;
}

export interface ProcessOptions<N extends JobName = JobName> {
  /** Jobs of this name run at once in this process. @defaultValue 4 */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Called when a job fails, with whether it will be retried, for logs and metrics. */
  onFailed?(job: Job<N>, error: unknown, willRetry: boolean): void;
  onCompleted?(job: Job<N>, ms: number): void;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/**
 * Carries work, never facts: a lost job is found again from the log by the reconciler. Two
 * adapters (in-process for the embedded mode, BullMQ for the distributed one) pass one
 * conformance suite.
 */
export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  enqueue<N extends JobName>(job: JobRequest<N>): Promise<EnqueueResult>;
  /** Starts consuming jobs of one name in this process. Call once per name. */
  process<N extends JobName>(name: N, handler: JobHandler<N>, options?: ProcessOptions<N>): void;
  counts(name: JobName): Promise<QueueCounts>;
  ping(): Promise<void>;
  /** Stops taking jobs, waits for running ones (up to `timeoutMs`), releases connections. */
  close(timeoutMs?: number): Promise<void>;
}

/** Throw from a handler for a failure that retrying cannot fix (e.g. the story no longer exists). */
export class UnrecoverableJobError extends Error {
  readonly code = 'unrecoverable';
  constructor(message: string) {
    super(message);
    this.name = 'UnrecoverableJobError';
  }
}
