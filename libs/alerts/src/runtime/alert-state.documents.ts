import type { DocumentTx } from '@chipwatch/event-store';
import { restoreAlertState, type AlertEvaluatorState, type AlertStateSnapshot } from '../alert-evaluation';
import { ClusterIndex, type ClusterMember } from '../story-clustering';

/** Where the evaluator keeps its state, committed with its checkpoint. */
export const ALERT_EVALUATOR_COLLECTION = 'alert-evaluator';
/** The whole state as one document, as earlier versions wrote it: converted on first load. */
const LEGACY_STATE_KEY = 'state';
/** `member:<insertion number>` → {@link ClusterMember}, in assignment order. */
const MEMBER = 'member:';
/** `raised:<cluster id>` → alert keys raised on the cluster. */
const RAISED = 'raised:';
/** `handled:<story id>` → rule ids that alerted on the story or recorded it. */
const HANDLED = 'handled:';
const PAGE = 1_000;

/** What a batch changed in the ledger, beyond the stories it assigned to clusters. */
export interface LedgerChanges {
  clusters: Iterable<string>;
  stories: Iterable<string>;
}

/**
 * The alert evaluator's state as many small documents written as they change: one per story
 * assigned to a cluster, one per cluster with alerts, one per story alerted. One document
 * rewritten every batch grew with every story ever seen (1.4 MB at 5,000 stories) and made each
 * batch cost as much as the whole history: the pipeline benchmark stalled on it.
 */
export class AlertStateDocuments {
  private constructor(
    readonly state: AlertEvaluatorState,
    private nextMember: number,
  ) {
    state.clusters.recordAssignments();
  }

  static async load(documents: DocumentTx): Promise<AlertStateDocuments> {
    const legacy = await documents.get<AlertStateSnapshot>(ALERT_EVALUATOR_COLLECTION, LEGACY_STATE_KEY);
    if (legacy) return AlertStateDocuments.convert(legacy, documents);
    const members = (await readAll<ClusterMember>(documents, MEMBER)).map(({ doc }) => doc);
    const raised = (await readAll<string[]>(documents, RAISED)).map(({ key, doc }): [string, string[]] => [key.slice(RAISED.length), doc]);
    const handled = (await readAll<string[]>(documents, HANDLED)).map(({ key, doc }): [string, string[]] => [
      key.slice(HANDLED.length),
      doc,
    ]);
    const state: AlertEvaluatorState = {
      clusters: ClusterIndex.fromMembers(members),
      ledger: { raised: new Map(raised), handled: new Map(handled) },
    };
    return new AlertStateDocuments(state, members.length);
  }

  /** Stages what changed since the last save in `documents` (they commit with the checkpoint). */
  save(documents: DocumentTx, changes: LedgerChanges): void {
    for (const member of this.state.clusters.takeAssigned())
      documents.put(ALERT_EVALUATOR_COLLECTION, memberKey(this.nextMember++), member);
    for (const clusterId of changes.clusters) {
      documents.put(ALERT_EVALUATOR_COLLECTION, RAISED + clusterId, this.state.ledger.raised.get(clusterId) ?? []);
    }
    for (const storyId of changes.stories) {
      documents.put(ALERT_EVALUATOR_COLLECTION, HANDLED + storyId, this.state.ledger.handled.get(storyId) ?? []);
    }
  }

  /**
   * Restores the single legacy document and stages it as separate documents. Members that had
   * left the window kept only their cluster: they become members that can never match again.
   */
  private static convert(legacy: AlertStateSnapshot, documents: DocumentTx): AlertStateDocuments {
    const state = restoreAlertState(legacy);
    const live = new Set(legacy.clusters.live.map((m) => m.storyId));
    const members: ClusterMember[] = [
      ...legacy.clusters.members
        .filter(([storyId]) => !live.has(storyId))
        .map(([storyId, clusterId]) => ({ storyId, clusterId, url: null, key: '', atMs: 0 })),
      ...legacy.clusters.live,
    ];
    members.forEach((member, i) => documents.put(ALERT_EVALUATOR_COLLECTION, memberKey(i), member));
    for (const [clusterId, keys] of state.ledger.raised) documents.put(ALERT_EVALUATOR_COLLECTION, RAISED + clusterId, keys);
    for (const [storyId, rules] of state.ledger.handled) documents.put(ALERT_EVALUATOR_COLLECTION, HANDLED + storyId, rules);
    documents.delete(ALERT_EVALUATOR_COLLECTION, LEGACY_STATE_KEY);
    return new AlertStateDocuments(state, members.length);
  }
}

/** Zero-padded so that key order is insertion order. */
function memberKey(n: number): string {
  return MEMBER + String(n).padStart(12, '0');
}

async function readAll<T>(documents: DocumentTx, prefix: string): Promise<{ key: string; doc: T }[]> {
  const all: { key: string; doc: T }[] = [];
  let afterKey: string | undefined;
  for (;;) {
    const page = await documents.list<T>(ALERT_EVALUATOR_COLLECTION, { prefix, afterKey, limit: PAGE });
    all.push(...page);
    if (page.length < PAGE) return all;
    afterKey = page[page.length - 1].key;
  }
}
