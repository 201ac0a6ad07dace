import { join } from 'node:path';
import type { Settings } from '@chipwatch/config';
import { openEventStore } from '@chipwatch/platform';
import { ClassifyStoryService, loadClassifier, type StoryDiscovered } from '@chipwatch/stories';

/**
 * `chipwatch reclassify [--since 30d]`: runs the current classifier over stories discovered in the
 * window and appends a StoryClassified where the verdict for this classifier version is missing.
 * Old verdicts stay: the log shows how a story's label changed.
 */
export async function reclassifyCommand(settings: Settings, sinceMs: number | undefined): Promise<number> {
  const { classifier, source } = loadClassifier(join(settings.configDir, 'classifier.yaml'));
  const store = await openEventStore(settings);
  const service = new ClassifyStoryService(store, () => classifier);
  const since = sinceMs === undefined ? '' : new Date(Date.now() - sinceMs).toISOString();
  const counts = { stories: 0, classified: 0, unchanged: 0, relevant: 0 };
  try {
    process.stderr.write(`reclassifying with classifier ${classifier.version} (${source})\n`);
    let after = 0;
    for (;;) {
      const page = await store.readAll<StoryDiscovered>({ after, limit: 1000, types: ['StoryDiscovered'] });
      for (const event of page) {
        if (event.recordedAt < since) continue;
        counts.stories++;
        const outcome = await service.classify(event.data.storyId, { correlationId: `reclassify-${classifier.version}` });
        if (outcome.status === 'classified') {
          counts.classified++;
          if (outcome.classification.relevant) counts.relevant++;
        } else counts.unchanged++;
      }
      if (page.length < 1000) break;
      after = page[page.length - 1].position;
    }
  } finally {
    await store.close();
  }
  process.stdout.write(JSON.stringify({ classifierVersion: classifier.version, ...counts }) + '\n');
  return 0;
}
