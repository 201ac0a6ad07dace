import { alertId } from './alert-id';
import { decideInCluster, recordDecision, type AlertLedger, type ClassifiedStory } from './alert-evaluation';
import { compileRuleSet, StoryFacts, type CompiledRule } from './rule-matching';
import { ruleHash, type RuleSet } from './rules.schema';
import type { Severity } from './severity';
import { ClusterIndex, type ClusterIndexOptions } from './story-clustering';

/**
 * What a rule change would have done to past alerts. The history is replayed through the same
 * clustering and the same decide core as live evaluation, once per rule set, so throttling, story
 * clusters and "a story alerts once per rule" behave exactly as they would have. Pure: it reads
 * the history it is given and appends nothing.
 */

/** One StoryClassified as of its time: the story's content then, the classification, the event time. */
export type BacktestStory = ClassifiedStory;

export interface BacktestInput {
  /** Every classified story, reclassifications included, in log order. */
  history: Iterable<BacktestStory>;
  candidate: RuleSet;
  active: RuleSet;
  /**
   * ISO 8601. Earlier stories are still replayed, so clusters and past alerts are as they were,
   * but their alerts are not reported.
   * @defaultValue the start of the history
   */
  since?: string;
  /**
   * ISO 8601. Later stories are ignored.
   * @defaultValue the end of the history
   */
  until?: string;
  /**
   * Sample stories per list (alerts, gained, lost), newest first.
   * @defaultValue 5
   */
  sampleSize?: number;
  /** Must match the live evaluator's clustering options. */
  clustering?: ClusterIndexOptions;
}

export interface BacktestSample {
  storyId: string;
  title: string;
  score: number;
  at: string;
  clusterId: string;
  alertId: string;
}

export interface BacktestDiff {
  /** Alert identities (rule, cluster). */
  count: number;
  samples: BacktestSample[];
}

export interface RuleBacktest {
  ruleId: string;
  /** Against the active rule of the same id: `changed` when their hashes differ. */
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  severity: Severity;
  /** Alerts the candidate rule raises in the period (one per cluster, per throttle window if throttled). */
  alerts: number;
  /** Alerts the active rule raises in the period. */
  activeAlerts: number;
  /** Later cluster members the candidate rule records on its alerts (not sent). */
  recorded: number;
  /** Stories that raised the candidate's alerts, newest first. */
  samples: BacktestSample[];
  /** (rule, cluster) pairs the candidate alerts on in the period and the active rule never did. */
  gained: BacktestDiff;
  /** (rule, cluster) pairs the active rule alerts on in the period and the candidate never does. */
  lost: BacktestDiff;
}

export interface BacktestReport {
  since: string | null;
  until: string | null;
  candidateHash: string;
  activeHash: string;
  totals: {
    /** StoryClassified events in the period. */
    classifications: number;
    stories: number;
    clusters: number;
    alerts: number;
    activeAlerts: number;
    gained: number;
    lost: number;
  };
  /** Candidate rules in file order, then rules only the active set has. */
  rules: RuleBacktest[];
}

/** A sample before its alert id is hashed: only the few reported samples pay for sha256. */
interface RawSample {
  /** Position of the rule in its side's compiled list. */
  index: number;
  /** Order of raising, to report the newest samples. */
  seq: number;
  story: BacktestStory;
  clusterId: string;
  throttleWindow: number | null;
}

/** Per rule, per rule set. */
interface Track {
  ruleId: string;
  alerts: number;
  recorded: number;
  samples: RawSample[];
}

interface Side {
  ledger: AlertLedger;
  rules: readonly CompiledRule[];
  /** Aligned with `rules`. */
  tracks: Track[];
  /**
   * Cluster id → the first in-period alert of each rule that alerted on it. One map entry per
   * cluster rather than per (rule, cluster): the backtest keeps these for every alert.
   */
  firsts: Map<string, RawSample[]>;
}

export function backtest(input: BacktestInput): BacktestReport {
  const sampleSize = input.sampleSize ?? 5;
  const sinceMs = input.since ? parseTime(input.since, 'since') : Number.NEGATIVE_INFINITY;
  const untilMs = input.until ? parseTime(input.until, 'until') : Number.POSITIVE_INFINITY;
  const clusters = new ClusterIndex(input.clustering);
  const sides = [side(input.candidate), side(input.active)];
  const stories = new Set<string>();
  const clusterIds = new Set<string>();
  let classifications = 0;
  let seq = 0;

  for (const story of input.history) {
    const atMs = parseTime(story.at, `story ${story.storyId} at`);
    if (atMs > untilMs) continue;
    const clusterId = clusters.assign(story);
    const inPeriod = atMs >= sinceMs;
    if (inPeriod) {
      classifications++;
      stories.add(story.storyId);
      clusterIds.add(clusterId);
    }
    // One StoryFacts for both sides: the story's text is folded at most once.
    const facts = new StoryFacts(story);
    for (const s of sides) {
      for (const decision of decideInCluster(s.ledger, s.rules, facts, story.at, clusterId)) {
        recordDecision(s.ledger, story.storyId, clusterId, decision);
        if (!inPeriod) continue;
        const track = s.tracks[decision.index];
        if (decision.kind === 'grow') {
          track.recorded++;
          continue;
        }
        const sample: RawSample = { index: decision.index, seq: seq++, story, clusterId, throttleWindow: decision.throttleWindow };
        const firsts = s.firsts.get(clusterId);
        if (!firsts) s.firsts.set(clusterId, [sample]);
        else if (!firsts.some((f) => f.index === sample.index)) firsts.push(sample);
        track.alerts++;
        track.samples.push(sample);
        if (track.samples.length > sampleSize) track.samples.shift();
      }
    }
  }

  const [candidate, active] = sides;
  const gained = diff(candidate, active, sampleSize);
  const lost = diff(active, candidate, sampleSize);
  const tracksById = (s: Side) => new Map(s.tracks.map((t) => [t.ruleId, t]));
  const candidateTracks = tracksById(candidate);
  const activeTracks = tracksById(active);
  const activeRules = new Map(input.active.rules.map((r) => [r.id, r]));
  const candidateIds = new Set(input.candidate.ruleIds);
  const none: BacktestDiff = { count: 0, samples: [] };
  const reports: RuleBacktest[] = [];
  const report = (ruleId: string, severity: Severity, status: RuleBacktest['status']) => {
    const c = candidateTracks.get(ruleId);
    reports.push({
      ruleId,
      status,
      severity,
      alerts: c?.alerts ?? 0,
      activeAlerts: activeTracks.get(ruleId)?.alerts ?? 0,
      recorded: c?.recorded ?? 0,
      samples: (c?.samples ?? []).map((raw) => toSample(ruleId, raw)).reverse(),
      gained: gained.get(ruleId) ?? none,
      lost: lost.get(ruleId) ?? none,
    });
  };
  for (const rule of input.candidate.rules) {
    const old = activeRules.get(rule.id);
    report(rule.id, rule.severity, !old ? 'added' : ruleHash(old) === ruleHash(rule) ? 'unchanged' : 'changed');
  }
  for (const rule of input.active.rules) if (!candidateIds.has(rule.id)) report(rule.id, rule.severity, 'removed');

  const sum = (f: (r: RuleBacktest) => number) => reports.reduce((total, r) => total + f(r), 0);
  return {
    since: input.since ?? null,
    until: input.until ?? null,
    candidateHash: input.candidate.hash,
    activeHash: input.active.hash,
    totals: {
      classifications,
      stories: stories.size,
      clusters: clusterIds.size,
      alerts: sum((r) => r.alerts),
      activeAlerts: sum((r) => r.activeAlerts),
      gained: sum((r) => r.gained.count),
      lost: sum((r) => r.lost.count),
    },
    rules: reports,
  };
}

function side(ruleSet: RuleSet): Side {
  const rules = compileRuleSet(ruleSet);
  return {
    ledger: { raised: new Map(), handled: new Map() },
    rules,
    tracks: rules.map((c) => ({ ruleId: c.rule.id, alerts: 0, recorded: 0, samples: [] })),
    firsts: new Map(),
  };
}

/**
 * Per rule id: (rule, cluster) pairs `from` alerted on in the period on which the other side's
 * rule of the same id never alerted (in any throttle window, before or during the period), with
 * the newest first alerts as samples.
 */
function diff(from: Side, other: Side, sampleSize: number): Map<string, BacktestDiff> {
  const acc = from.tracks.map(() => ({ count: 0, newest: [] as RawSample[] }));
  for (const [clusterId, firsts] of from.firsts) {
    const otherKeys = other.ledger.raised.get(clusterId);
    for (const first of firsts) {
      const ruleId = from.tracks[first.index].ruleId;
      if (otherKeys && alertedBy(otherKeys, ruleId)) continue;
      const a = acc[first.index];
      a.count++;
      keepNewest(a.newest, first, sampleSize);
    }
  }
  const out = new Map<string, BacktestDiff>();
  acc.forEach((a, i) => {
    const ruleId = from.tracks[i].ruleId;
    out.set(ruleId, { count: a.count, samples: a.newest.map((raw) => toSample(ruleId, raw)) });
  });
  return out;
}

/** Does a cluster's alert-key list hold an alert of this rule, throttled or not? */
function alertedBy(keys: readonly string[], ruleId: string): boolean {
  for (const key of keys) {
    if (key === ruleId || (key.length > ruleId.length && key.charCodeAt(ruleId.length) === 64 /* @ */ && key.startsWith(ruleId)))
      return true;
  }
  return false;
}

/** Keeps `list` as the `size` samples with the highest seq, newest first. */
function keepNewest(list: RawSample[], sample: RawSample, size: number): void {
  if (size <= 0) return;
  if (list.length === size && list[size - 1].seq > sample.seq) return;
  let i = list.length;
  while (i > 0 && list[i - 1].seq < sample.seq) i--;
  list.splice(i, 0, sample);
  if (list.length > size) list.pop();
}

function toSample(ruleId: string, { story, clusterId, throttleWindow }: RawSample): BacktestSample {
  return {
    storyId: story.storyId,
    title: story.title,
    score: story.classification.score,
    at: story.at,
    clusterId,
    alertId: alertId(ruleId, clusterId, throttleWindow),
  };
}

/** A time that is not ISO 8601 in the backtest's input. */
export class BacktestInputError extends Error {
  readonly code = 'invalid-time';
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`${field}: invalid time "${value}" (expected ISO 8601)`);
    this.name = 'BacktestInputError';
  }
}

function parseTime(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new BacktestInputError(field, value);
  return ms;
}
