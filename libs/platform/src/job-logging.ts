import type { JobName, ProcessOptions } from '@chipwatch/queue';
import type { Logger } from './logger';
import type { MetricsService } from './metrics.service';

/** One log line and one metric per job outcome, for every processor. */
export function jobObservers<N extends JobName>(
  name: N,
  logger: Logger,
  metrics: MetricsService,
): Pick<ProcessOptions<N>, 'onCompleted' | 'onFailed'> {
  return {
    onCompleted(job, ms) {
      metrics.jobs.inc({ name, outcome: 'completed' });
      metrics.jobDuration.observe({ name }, ms / 1000);
      logger.info({ job: name, jobId: job.id, attempt: job.attempt, ms: Math.round(ms) }, 'job completed');
    },
    onFailed(job, error, willRetry) {
      metrics.jobs.inc({ name, outcome: willRetry ? 'retried' : 'failed' });
      logger.warn(
        { job: name, jobId: job.id, attempt: job.attempt, willRetry, err: error },
        willRetry ? 'job failed; will retry' : 'job failed for good',
      );
    },
  };
}
