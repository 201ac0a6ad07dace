export * from './job-map';
export * from './job-queue';
export { InProcessJobQueue, type InProcessQueueOptions } from './in-process-queue.adapter';
export { BullMqJobQueue, type BullMqQueueOptions } from './bullmq/bullmq-queue.adapter';
