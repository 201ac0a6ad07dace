import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { JobQueue } from '@chipwatch/queue';
import type { Logger } from './logger';
import { JOB_QUEUE, LOGGER } from './platform.tokens';

/** Drains running jobs before the store closes (Nest runs this hook before onApplicationShutdown). */
@Injectable()
export class JobQueueLifecycle implements BeforeApplicationShutdown {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close(8_000);
    this.logger.info({ queue: this.queue.kind }, 'job queue closed');
  }
}
