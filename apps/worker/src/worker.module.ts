import { Module } from '@nestjs/common';

/**
 * Background work: the scheduler, job processors and log subscribers. Needs PlatformModule.
 * Each capability registers its module here as it lands (feed polling, classification, alerts,
 * delivery).
 */
@Module({})
export class WorkerModule {}
