import { alertId, throttleWindowKey, throttleWindowStart } from './alert-id';
import type { AlertEvent } from './alert.events';
import {
  compileRuleSet,
  explainRuleMatch,
  ruleHolds,
  StoryFacts,
  type CompiledRule,
  type MatchableStory,
  type RuleMatch,
} from './rule-matching';
import type { RuleSet } from './rules.schema';
import type { SignatureFacts } from './event-signature';
import { ClusterIndex, type ClusterableStory, type ClusterIndexOptions, type ClusterIndexSnapshot } from './story-clustering';

/**
 * Live alerting as emmett-style decide/evolve. `decide` reads the state and returns the events
 * to append; it never changes the state, because a state advanced before the append succeeds
 * would swallow the alert on retry. After appending, the caller folds the story and the appended
 * events in with `evolve`. Replaying the log through `evolve` rebuilds the same state.
 */

/** A classified story as evaluated: its latest content and classification, with the event time. */
export interface ClassifiedStory extends MatchableStory {
  /** The numbers and dates mentioned (StoryClassified since classifier 1.1.0) join the signature clustering compares. */
  classification: MatchableStory['classification'] & Pick<SignatureFacts, 'numbers' | 'dates'>;
  /** Canonical URL, for clustering. */
  url: string | null;
  /** ISO 8601 publication time: clustering places the dates a story mentions ("15日") by it. */
  publishedAt?: string;
  /**
   * ISO 8601 time of the StoryClassified event (its recordedAt): clustering window and throttle
   * window are computed from it, so replays agree with live decisions.
   */
  at: string;
}

/**
 * Which alerts exist and which (rule, story) pairs were already alerted or recorded. Keyed by
 * cluster and by story, with short lists inside, so deciding a story costs two map look-ups
 * however many rules match: the backtest does this 100k times per rule set.
 */
export interface AlertLedger {
  /** Cluster id → {@link alertKey}s of the alerts raised on it. */
  raised: Map<string, string[]>;
  /** Story id → ids of the rules that raised an alert for it or recorded it on one. */
  handled: Map<string, string[]>;
}

export interface AlertEvaluatorState {
  clusters: ClusterIndex;
  ledger: AlertLedger;
}

/** What `evolve` folds: every classified story (for clustering, matched or not) and the alert events. */
export type AlertEvaluatorEvent = { type: 'StoryClassified'; data: ClusterableStory } | AlertEvent;

export interface AlertDecision {
  clusterId: string;
  /** Every enabled rule that matched, including those that had already alerted on this story. */
  matches: RuleMatch[];
  /** To append, in order: AlertRaised for new alerts, AlertClusterGrew for members of existing ones. */
  events: AlertEvent[];
}

/**
 * An alert's identity within its cluster: the rule id, plus `@window` for a throttled rule.
 * Together with the cluster id these are the parts the alert id is hashed from, kept unhashed so
 * replay and backtest need no sha256 per match. Rule ids are [a-z0-9-]+, so `@` cannot clash.
 */
export function alertKey(ruleId: string, throttleWindow: number | null): string {
  return throttleWindow === null ? ruleId : `${ruleId}@${throttleWindow}`;
}

export function initialAlertState(options: ClusterIndexOptions = {}): AlertEvaluatorState {
  return { clusters: new ClusterIndex(options), ledger: { raised: new Map(), handled: new Map() } };
}

/** One rule's verdict on one story, before it is spelled out as an event. */
export interface RuleDecision {
  rule: CompiledRule;
  /** Position of the rule in the compiled list. */
  index: number;
  kind: 'raise' | 'grow';
  throttleWindow: number | null;
}

/**
 * The shared core of live evaluation and backtest: for each rule that holds, skip it if it
 * already handled this story (a reclassification or edit never re-alerts), else record the story
 * on the rule's alert for this cluster (and throttle window) if there is one, else raise one.
 * `onMatch` sees every rule that holds, handled or not.
 */
export function decideInCluster(
  ledger: AlertLedger,
  rules: readonly CompiledRule[],
  facts: StoryFacts,
  at: string,
  clusterId: string,
  onMatch?: (rule: CompiledRule) => void,
): RuleDecision[] {
  const decisions: RuleDecision[] = [];
  const handled = ledger.handled.get(facts.story.storyId);
  let raised: string[] | undefined | null = null;
  let atMs: number | undefined;
  for (let i = 0; i < rules.length; i++) {
    const c = rules[i];
    if (!ruleHolds(c, facts)) continue;
    onMatch?.(c);
    if (handled !== undefined && handled.includes(c.rule.id)) continue;
    atMs ??= Date.parse(at);
    const throttleWindow = throttleWindowKey(c.rule.throttleMs, atMs);
    if (raised === null) raised = ledger.raised.get(clusterId);
    const kind = raised !== undefined && raised.includes(alertKey(c.rule.id, throttleWindow)) ? 'grow' : 'raise';
    decisions.push({ rule: c, index: i, kind, throttleWindow });
  }
  return decisions;
}

/** The alert events a newly classified (or reclassified) story causes. Reads `state`, never changes it. */
export function decide(state: AlertEvaluatorState, ruleSet: RuleSet, story: ClassifiedStory): AlertDecision {
  const clusterId = state.clusters.peek(story);
  const facts = new StoryFacts(story);
  const matches = new Map<CompiledRule, RuleMatch>();
  const decisions = decideInCluster(state.ledger, compileRuleSet(ruleSet), facts, story.at, clusterId, (c) => {
    matches.set(c, explainRuleMatch(c, facts));
  });
  const cl = story.classification;
  // Objects are built field by field: V8's object spread costs microseconds here, per event.
  const events = decisions.map(({ rule: c, kind, throttleWindow }): AlertEvent => {
    const rule = c.rule;
    const id = alertId(rule.id, clusterId, throttleWindow);
    const reasons = matches.get(c)!.reasons;
    if (kind === 'grow') {
      return {
        type: 'AlertClusterGrew',
        data: { alertId: id, ruleId: rule.id, clusterId, throttleWindow, storyId: story.storyId, title: story.title, url: story.url, feedId: story.feedId, score: cl.score, reasons },
      };
    }
    return {
      type: 'AlertRaised',
      data: {
        alertId: id,
        ruleId: rule.id,
        ruleHash: c.hash,
        severity: rule.severity,
        storyId: story.storyId,
        clusterId,
        throttleWindow,
        windowStart: throttleWindow === null ? null : throttleWindowStart(rule.throttleMs!, throttleWindow),
        title: story.title,
        url: story.url,
        feedId: story.feedId,
        score: cl.score,
        subtopics: cl.subtopics.slice(),
        evidence: cl.evidence.map((e) => ({ text: e.text, field: e.field, concept: e.concept, weight: e.weight })),
        reasons,
      },
    };
  });
  return { clusterId, matches: [...matches.values()], events };
}

/**
 * Folds one event into the state, in place, and returns it. In place because the state is one
 * evaluator's accumulator and copying maps of every story per event would make replay quadratic;
 * `decide` is the side that must not mutate.
 */
export function evolve(state: AlertEvaluatorState, event: AlertEvaluatorEvent): AlertEvaluatorState {
  switch (event.type) {
    case 'StoryClassified':
      state.clusters.assign(event.data);
      return state;
    case 'AlertRaised':
      addTo(state.ledger.raised, event.data.clusterId, alertKey(event.data.ruleId, event.data.throttleWindow));
      addTo(state.ledger.handled, event.data.storyId, event.data.ruleId);
      return state;
    case 'AlertClusterGrew':
      addTo(state.ledger.handled, event.data.storyId, event.data.ruleId);
      return state;
  }
}

/** The ledger half of `evolve` for a decision; the backtest folds its simulated decisions with it. */
export function recordDecision(ledger: AlertLedger, storyId: string, clusterId: string, decision: RuleDecision): void {
  const ruleId = decision.rule.rule.id;
  if (decision.kind === 'raise') addTo(ledger.raised, clusterId, alertKey(ruleId, decision.throttleWindow));
  addTo(ledger.handled, storyId, ruleId);
}

function addTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** JSON form of the evaluator state, for keeping it as a projection document. */
export interface AlertStateSnapshot {
  version: 1;
  clusters: ClusterIndexSnapshot;
  /** [clusterId, alert keys (see {@link alertKey})]. */
  raised: [string, string[]][];
  handled: [string, string[]][];
}

export function snapshotAlertState(state: AlertEvaluatorState): AlertStateSnapshot {
  return {
    version: 1,
    clusters: state.clusters.toJSON(),
    raised: [...state.ledger.raised].map(([clusterId, keys]) => [clusterId, [...keys]]),
    handled: [...state.ledger.handled].map(([storyId, rules]) => [storyId, [...rules]]),
  };
}

export function restoreAlertState(snapshot: AlertStateSnapshot): AlertEvaluatorState {
  return {
    clusters: ClusterIndex.fromJSON(snapshot.clusters),
    ledger: {
      raised: new Map(snapshot.raised.map(([c, k]) => [c, [...k]])),
      handled: new Map(snapshot.handled.map(([s, r]) => [s, [...r]])),
    },
  };
}
