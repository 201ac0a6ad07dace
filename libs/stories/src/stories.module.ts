import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { Classifier } from '@chipwatch/classifier';
import type { Settings } from '@chipwatch/config';
import type { EventStore } from '@chipwatch/event-store';
import { EVENT_STORE, LOGGER, SETTINGS, type Logger } from '@chipwatch/platform';
import { ClassifyStoryService } from './classify-story.service';
import { loadClassifier } from './classifier.provider';

/** Token for the process's current `Classifier`. */
export const CLASSIFIER = Symbol('Classifier');

/** The classifier (from classifier.yaml) and the service that records its verdicts. */
@Module({
  providers: [
    {
      provide: CLASSIFIER,
      inject: [SETTINGS, LOGGER],
      useFactory: (settings: Settings, logger: Logger) => {
        const { classifier, source } = loadClassifier(join(settings.configDir, 'classifier.yaml'));
        logger.info({ classifierVersion: classifier.version, source }, 'classifier loaded');
        return classifier;
      },
    },
    {
      provide: ClassifyStoryService,
      inject: [EVENT_STORE, CLASSIFIER],
      useFactory: (store: EventStore, classifier: Classifier) => new ClassifyStoryService(store, () => classifier),
    },
  ],
  exports: [CLASSIFIER, ClassifyStoryService],
})
export class StoriesModule {}
