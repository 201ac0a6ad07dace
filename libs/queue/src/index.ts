export { BullMqJobQueue } from './bullmq/bullmq-queue.adapter';
export { InProcessJobQueue } from './in-process-queue.adapter';
export type { JobMap, JobName } from './job-map';
export { type Job, type JobQueue, type JobRequest, type ProcessOptions, UnrecoverableJobError } from './job-queue';
