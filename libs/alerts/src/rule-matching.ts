import { foldName, ruleHash, type Rule, type RuleSet } from './rules.schema';
import type { Severity } from './severity';
import { foldText } from './text-folding';

/** Evidence as the classifier reports it (StoryClassified.evidence). */
export interface AlertEvidence {
  text: string;
  field: string;
  concept: string;
  weight: number;
}

/** What a rule looks at: the story's latest content and its latest classification. */
export interface MatchableStory {
  storyId: string;
  /** The feed that saw the story first. */
  feedId: string;
  title: string;
  summary: string;
  /** Language tag; only the primary subtag counts ("pt-BR" matches `pt`). */
  language: string;
  classification: {
    relevant: boolean;
    score: number;
    topic: string;
    subtopics: readonly string[];
    entities: { companies: readonly string[]; products: readonly string[]; agencies: readonly string[]; jurisdictions: readonly string[] };
    evidence: readonly AlertEvidence[];
  };
}

/** Why a rule matched: one reason per condition that held, so an alert explains itself. */
export interface RuleMatch {
  ruleId: string;
  ruleHash: string;
  severity: Severity;
  score: number;
  reasons: string[];
}

/**
 * A rule turned into sets and normalised strings once, so matching a story is set look-ups.
 * Conditions are tested cheapest first; keywords, which need normalised text, come last.
 */
export interface CompiledRule {
  readonly rule: Rule;
  readonly hash: string;
  readonly subAny: readonly string[];
  readonly subAll: readonly string[];
  readonly subNone: readonly string[];
  /** Folded entity names. */
  readonly entAny: readonly string[];
  readonly entAll: readonly string[];
  readonly entNone: readonly string[];
  readonly languages: ReadonlySet<string> | null;
  readonly feeds: ReadonlySet<string> | null;
  /** Folded keywords. */
  readonly kwAny: readonly string[];
  readonly kwNone: readonly string[];
  /** Each `keywords.any` entry as written, with its folded form, for reasons. */
  readonly kwAnyWritten: readonly (readonly [written: string, folded: string])[];
}

const compiledCache = new WeakMap<Rule, CompiledRule>();

export function compileRule(rule: Rule): CompiledRule {
  let compiled = compiledCache.get(rule);
  if (compiled) return compiled;
  const w = rule.when;
  const uniq = (values: readonly string[]) => [...new Set(values)];
  compiled = {
    rule,
    hash: ruleHash(rule),
    subAny: uniq(w.subtopics.any),
    subAll: uniq(w.subtopics.all),
    subNone: uniq(w.subtopics.none),
    entAny: uniq(w.entities.any.map(foldName)),
    entAll: uniq(w.entities.all.map(foldName)),
    entNone: uniq(w.entities.none.map(foldName)),
    languages: w.languages ? new Set(w.languages) : null,
    feeds: w.feeds ? new Set(w.feeds) : null,
    kwAny: uniq(w.keywords.any.map(foldText)),
    kwNone: uniq(w.keywords.none.map(foldText)),
    kwAnyWritten: w.keywords.any.map((k) => [k, foldText(k)] as const),
  };
  compiledCache.set(rule, compiled);
  return compiled;
}

/** The enabled rules of a set, compiled; cached per RuleSet object. */
const ruleSetCache = new WeakMap<RuleSet, CompiledRule[]>();
export function compileRuleSet(ruleSet: RuleSet): CompiledRule[] {
  let compiled = ruleSetCache.get(ruleSet);
  if (!compiled) {
    compiled = ruleSet.rules.filter((r) => r.enabled).map(compileRule);
    ruleSetCache.set(ruleSet, compiled);
  }
  return compiled;
}

/**
 * Facts about one story derived on demand and shared by every rule tested against it: the
 * entity set and normalised text are built at most once per story, and only if a rule that got
 * that far needs them.
 */
export class StoryFacts {
  private entityMap: Map<string, string> | undefined;
  private titleText: string | undefined;
  private summaryText: string | undefined;
  readonly language: string;

  constructor(readonly story: MatchableStory) {
    this.language = primarySubtag(story.language);
  }

  /** Folded entity name → name as the classifier wrote it, over all four entity lists. */
  get entities(): Map<string, string> {
    if (!this.entityMap) {
      const map = new Map<string, string>();
      const e = this.story.classification.entities;
      for (const list of [e.companies, e.products, e.agencies, e.jurisdictions]) {
        for (const name of list) {
          const folded = foldName(name);
          if (!map.has(folded)) map.set(folded, name);
        }
      }
      this.entityMap = map;
    }
    return this.entityMap;
  }

  get title(): string {
    return (this.titleText ??= foldText(this.story.title));
  }

  get summary(): string {
    return (this.summaryText ??= foldText(this.story.summary));
  }

  /**
   * Does the normalised title or summary contain `keyword`? Fields are searched separately, so
   * a keyword never spans the title's end and the summary's start; the title is tried first
   * because it is short and usually decides.
   */
  contains(keyword: string): boolean {
    return this.title.includes(keyword) || this.summary.includes(keyword);
  }
}

function primarySubtag(tag: string): string {
  const dash = tag.indexOf('-');
  return (dash < 0 ? tag : tag.slice(0, dash)).toLowerCase();
}

/** Does the compiled rule hold for the story? The hot path: no allocation beyond StoryFacts' caches. */
export function ruleHolds(c: CompiledRule, facts: StoryFacts): boolean {
  const story = facts.story;
  const cl = story.classification;
  const w = c.rule.when;
  if (!c.rule.enabled || !cl.relevant || cl.topic !== w.topic || cl.score < w.minScore) return false;
  if (c.languages && !c.languages.has(facts.language)) return false;
  if (c.feeds && !c.feeds.has(story.feedId)) return false;
  const subtopics = cl.subtopics;
  if (c.subAny.length > 0 && !c.subAny.some((s) => subtopics.includes(s))) return false;
  for (const s of c.subAll) if (!subtopics.includes(s)) return false;
  for (const s of c.subNone) if (subtopics.includes(s)) return false;
  if (c.entAny.length > 0 || c.entAll.length > 0 || c.entNone.length > 0) {
    const entities = facts.entities;
    if (c.entAny.length > 0 && !c.entAny.some((e) => entities.has(e))) return false;
    for (const e of c.entAll) if (!entities.has(e)) return false;
    for (const e of c.entNone) if (entities.has(e)) return false;
  }
  if (c.kwAny.length > 0 && !c.kwAny.some((k) => facts.contains(k))) return false;
  for (const k of c.kwNone) if (facts.contains(k)) return false;
  return true;
}

/** One reason per condition, naming what held: "entity NVIDIA (any of NVIDIA, AMD)". */
export function explainMatch(c: CompiledRule, facts: StoryFacts): string[] {
  const story = facts.story;
  const cl = story.classification;
  const w = c.rule.when;
  const reasons = [`topic ${w.topic} (relevant)`];
  if (w.minScore > 0) reasons.push(`score ${round(cl.score)} ≥ ${w.minScore}`);
  if (c.languages) reasons.push(`language ${facts.language}`);
  if (c.feeds) reasons.push(`feed ${story.feedId}`);
  const list = (values: readonly string[]) => values.join(', ');
  if (c.subAny.length > 0) reasons.push(`subtopic ${list(c.subAny.filter((s) => cl.subtopics.includes(s)))} (any of ${list(c.subAny)})`);
  if (c.subAll.length > 0) reasons.push(`subtopics ${list(c.subAll)} (all)`);
  if (c.subNone.length > 0) reasons.push(`no subtopic of ${list(c.subNone)}`);
  const e = w.entities;
  if (c.entAny.length > 0) {
    const found = c.entAny.filter((n) => facts.entities.has(n)).map((n) => facts.entities.get(n)!);
    reasons.push(`entity ${list(found)} (any of ${list(e.any)})`);
  }
  if (c.entAll.length > 0) reasons.push(`entities ${list(c.entAll.map((n) => facts.entities.get(n)!))} (all)`);
  if (c.entNone.length > 0) reasons.push(`no entity of ${list(e.none)}`);
  const k = w.keywords;
  if (c.kwAny.length > 0) {
    const found = c.kwAnyWritten.filter(([, folded]) => facts.contains(folded)).map(([written]) => JSON.stringify(written));
    reasons.push(`keyword ${found.join(', ')} (any of ${k.any.map((s) => JSON.stringify(s)).join(', ')})`);
  }
  if (c.kwNone.length > 0) reasons.push(`no keyword of ${k.none.map((s) => JSON.stringify(s)).join(', ')}`);
  return reasons;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

/** The RuleMatch for a rule known to hold. */
export function explainRuleMatch(c: CompiledRule, facts: StoryFacts): RuleMatch {
  return {
    ruleId: c.rule.id,
    ruleHash: c.hash,
    severity: c.rule.severity,
    score: facts.story.classification.score,
    reasons: explainMatch(c, facts),
  };
}

/** The rule's verdict on a story: why it matched, or null. Disabled rules never match. */
export function matchRule(rule: Rule, story: MatchableStory): RuleMatch | null {
  const compiled = compileRule(rule);
  const facts = new StoryFacts(story);
  return ruleHolds(compiled, facts) ? explainRuleMatch(compiled, facts) : null;
}

/** Every enabled rule of the set that matches, in file order. */
export function matchRules(ruleSet: RuleSet, story: MatchableStory): RuleMatch[] {
  const facts = new StoryFacts(story);
  const matches: RuleMatch[] = [];
  for (const c of compileRuleSet(ruleSet)) if (ruleHolds(c, facts)) matches.push(explainRuleMatch(c, facts));
  return matches;
}

/** Like matchRules, for callers that explain later (or never, as the backtest). */
export function matchingRules(compiled: readonly CompiledRule[], facts: StoryFacts): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const c of compiled) if (ruleHolds(c, facts)) out.push(c);
  return out;
}
