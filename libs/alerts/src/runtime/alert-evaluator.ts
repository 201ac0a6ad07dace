import type { DocumentTx, EventMetadata, EventStore, RecordedEvent } from '@chipwatch/event-store';
import { decide, evolve, type ClassifiedStory } from '../alert-evaluation';
import { alertEventId, alertStreamId } from '../alert.events';
import type { RuleSet } from '../rules.schema';
import { AlertStateDocuments } from './alert-state.documents';
import { OrderedAppends } from './ordered-appends';

type StoryData = { storyId: string; feedId: string; title: string; summary: string; language: string; url: string | null };
type ClassifiedData = ClassifiedStory['classification'] & { storyId: string; language: string };

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

  async handle(events: readonly RecordedEvent[], documents: DocumentTx): Promise<number> {
    const stored = this.stored ?? (await AlertStateDocuments.load(documents));
    const state = stored.state;
    // Until the batch commits, the in-memory state may run ahead of the stored one: drop it on failure.
    this.stored = undefined;
    const changed = { clusters: new Set<string>(), stories: new Set<string>() };
    const verdicts = events.filter((event) => event.type === 'StoryClassified');
    // The batch's stories in one go: under load every await waits its turn behind all the other
    // work of the process, and one per story left the evaluator seconds behind the classifier.
    const stories = await Promise.all(verdicts.map((event) => this.storyAsOf((event.data as unknown as ClassifiedData).storyId, event.position)));
    const appends = new OrderedAppends(this.store);
    for (const [index, event] of verdicts.entries()) {
      const classification = event.data as unknown as ClassifiedData;
      const story = stories[index];
      if (!story) continue;
      const classified: ClassifiedStory = {
        storyId: story.storyId,
        feedId: story.feedId,
        title: story.title,
        summary: story.summary,
        language: classification.language || story.language,
        url: story.url,
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
      evolve(state, { type: 'StoryClassified', data: { storyId: story.storyId, url: story.url, title: story.title, at: event.recordedAt } });
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

  /** The story's content as of a position (a later edit must not change an earlier decision). */
  private async storyAsOf(storyId: string, position: number): Promise<StoryData | undefined> {
    let story: StoryData | undefined;
    for (const event of await this.store.readStream(`story-${storyId}`)) {
      if (event.position > position) break;
      const data = event.data as unknown as StoryData;
      if (event.type === 'StoryDiscovered') story = { ...data };
      else if (event.type === 'StoryUpdated' && story) story = { ...story, title: data.title, summary: data.summary };
    }
    return story;
  }
}
