import type { DocumentTx, EventMetadata, EventStore, Recorded } from '@chipwatch/event-store';
import { readStory, type StoryClassified } from '@chipwatch/stories';
import { decide, evolve, type ClassifiedStory } from '../alert-evaluation';
import { alertEventId, alertStreamId } from '../alert.events';
import type { RuleSet } from '../rules.schema';
import { AlertStateDocuments } from './alert-state.documents';
import { OrderedAppends } from './ordered-appends';

/**
 * The live side of alerting: for each StoryClassified, decide against the active rules, append
 * AlertRaised / AlertClusterGrew (ids derived, so a replayed batch appends nothing), and fold the
 * results into the state, whose changes are stored as documents with the subscription's checkpoint.
 */
export class AlertEvaluator {
  private stored: AlertStateDocuments | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly rules: () => RuleSet,
  ) {}

  async handle(verdicts: readonly Recorded<StoryClassified>[], documents: DocumentTx): Promise<number> {
    const stored = this.stored ?? (await AlertStateDocuments.load(documents));
    const state = stored.state;
    // Until the batch commits, the in-memory state may run ahead of the stored one: drop it on failure.
    this.stored = undefined;
    const changed = { clusters: new Set<string>(), stories: new Set<string>() };
    // The batch's stories in one go: under load every await waits its turn behind all the other
    // work of the process, and one per story left the evaluator seconds behind the classifier.
    // As of the verdict's position: a later edit must not change an earlier decision.
    const stories = await Promise.all(verdicts.map((event) => readStory(this.store, event.data.storyId, event.position)));
    const appends = new OrderedAppends(this.store);
    for (const [index, event] of verdicts.entries()) {
      const classification = event.data;
      const story = stories[index];
      if (!story) continue;
      const classified: ClassifiedStory = {
        storyId: story.storyId,
        feedId: story.feedId,
        title: story.title,
        summary: story.summary,
        language: classification.language || story.language,
        url: story.url,
        publishedAt: story.publishedAt,
        at: event.recordedAt,
        classification,
      };
      const decision = decide(state, this.rules(), classified);
      const metadata: EventMetadata = { correlationId: event.metadata.correlationId, causationId: event.id };
      // Every alert of one decision names its siblings, so a subscriber to several of the rules
      // gets one notification with every rule and the highest severity, not one per rule.
      const siblings = decision.events.flatMap((e) =>
        e.type === 'AlertRaised' ? [{ alertId: e.data.alertId, ruleId: e.data.ruleId, severity: e.data.severity }] : [],
      );
      for (const alertEvent of decision.events) {
        const data = alertEvent.type === 'AlertRaised' ? { ...alertEvent.data, siblings } : alertEvent.data;
        appends.add(alertStreamId(alertEvent.data.alertId), { id: alertEventId(alertEvent), type: alertEvent.type, data, metadata });
      }
      evolve(state, { type: 'StoryClassified', data: classified });
      for (const alertEvent of decision.events) {
        evolve(state, alertEvent);
        if (alertEvent.type === 'AlertRaised') changed.clusters.add(alertEvent.data.clusterId);
        changed.stories.add(alertEvent.data.storyId);
      }
    }
    const appended = await appends.settled();
    stored.save(documents, changed);
    this.stored = stored;
    return appended;
  }
}
