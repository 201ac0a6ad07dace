import type { Settings } from '@chipwatch/config';
import { BullMqJobQueue, InProcessJobQueue, type JobQueue } from '@chipwatch/queue';
import type { Logger } from './logger';

/** The in-process queue by default; BullMQ on Redis when REDIS_URL is set. */
export function openJobQueue(settings: Settings, logger: Logger): JobQueue {
  if (!settings.redisUrl) return new InProcessJobQueue();
  return new BullMqJobQueue({
    connection: settings.redisUrl,
    prefix: settings.queuePrefix,
    lockDurationMs: settings.queueLockMs,
    onError: (error, source) => logger.error({ err: error, source }, 'job queue connection error'),
  });
}
