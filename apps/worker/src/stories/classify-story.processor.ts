import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Settings } from '@chipwatch/config';
import { JOB_QUEUE, LOGGER, MetricsService, SETTINGS, jobObservers, type Logger } from '@chipwatch/platform';
import { UnrecoverableJobError, type Job, type JobQueue } from '@chipwatch/queue';
import { ClassifyStoryService } from '@chipwatch/stories';

/** Runs `classify-story` jobs: one StoryClassified per content and classifier version. */
@Injectable()
export class ClassifyStoryProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly service: ClassifyStoryService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process('classify-story', (job) => this.handle(job), {
      concurrency: this.settings.concurrency.classify,
      retry: { attempts: 5, backoffMs: 500 },
      ...jobObservers('classify-story', this.logger, this.metrics),
    });
  }

  async handle(job: Job<'classify-story'>): Promise<void> {
    const outcome = await this.service.classify(job.data.storyId, { correlationId: job.id, causationId: job.id });
    if (outcome.status === 'missing') throw new UnrecoverableJobError(`story ${job.data.storyId} has no StoryDiscovered event`);
    if (outcome.status === 'classified') {
      const { relevant, score, subtopics } = outcome.classification;
      this.logger.info({ jobId: job.id, storyId: job.data.storyId, relevant, score, subtopics }, 'story classified');
    }
  }
}
