import { ENTITY_TYPES, SUBTOPICS, type ClassifierConfig, type EntityType } from './classifier.schema';
import { TermMatcher, type TermSpec } from './term.matcher';
import { HINT_LANGUAGES } from './text.normaliser';

/**
 * Step 1 of classifying: the config's lexicons turned into numbers once, so the steps run per
 * story (concept.matcher.ts, story.scorer.ts, classification.explainer.ts) index typed arrays
 * instead of looking names up. Every term of every concept, entity and ignore phrase goes into
 * one TermMatcher; its pattern ids index the `pattern*` arrays, which say what a match means.
 */

/** What a matched term stands for. */
export const enum TermKind {
  Concept = 0,
  Entity = 1,
  /** An `ignore` phrase: it hides every other match inside it. */
  Ignore = 2,
}

/** A concept present when a match of its first side lies within a window of one of its second. */
export interface DerivedConcept {
  /** Index among all concepts. */
  readonly concept: number;
  readonly latinWindow: number;
  readonly cjkWindow: number;
}

export interface CompiledSignal {
  /** Concept indices of each `all` entry; an entry is satisfied by the strongest of its concepts. */
  readonly entries: readonly Int32Array[];
  readonly weight: number;
  /** Index in SUBTOPICS, or -1. */
  readonly subtopic: number;
}

export interface CompiledLexicon {
  /** Base concepts, then derived ones, in config order; a concept's index is its place here. */
  readonly conceptNames: readonly string[];
  /** Per concept: log-odds added per unit of strength. */
  readonly conceptWeights: Float64Array;
  /** Entities of every type, in ENTITY_TYPES then config order; an entity's index is its place here. */
  readonly entityNames: readonly string[];
  readonly entityTypes: readonly EntityType[];
  readonly terms: TermMatcher;
  /** Longest pattern of `terms`, in normalised units: matches ending further apart cannot overlap. */
  readonly longestTerm: number;
  /** Per pattern of `terms`: a TermKind. */
  readonly patternKind: Uint8Array;
  /** Per pattern of `terms`: the entity it names, or -1. */
  readonly patternEntity: Int32Array;
  /** Per pattern of `terms`: the concepts a match counts for (its own, or those of its entity). */
  readonly patternConcepts: readonly Int32Array[];
  /** Per pattern of `terms`: bit d is set when a match can be the first side of derived concept d. */
  readonly patternFirstSideOf: Int32Array;
  /** Per pattern of `terms`: bit d is set when a match can be the second side of derived concept d. */
  readonly patternSecondSideOf: Int32Array;
  /** The schema caps their number at 31, so that the two masks above fit in 32 bits. */
  readonly derived: readonly DerivedConcept[];
  /** Largest window of any derived concept. */
  readonly widestWindow: number;
  readonly signals: readonly CompiledSignal[];
  /** Most entries of any signal (at least 1). */
  readonly longestSignal: number;
  /** Stopwords, for language detection; a pattern's payload is its index in HINT_LANGUAGES. */
  readonly stopwords: TermMatcher;
}

/** `config` must be validated already (createClassifier does it): references are not checked here. */
export function compileLexicon(config: ClassifierConfig): CompiledLexicon {
  const baseNames = Object.keys(config.concepts);
  const conceptNames = [...baseNames, ...Object.keys(config.derived)];
  const conceptIndex = new Map(conceptNames.map((name, i) => [name, i]));
  const conceptWeights = Float64Array.from(
    conceptNames.map((name, i) => (i < baseNames.length ? config.concepts[name].weight : config.derived[name].weight)),
  );
  const indicesOf = (ref: string | string[]) => (typeof ref === 'string' ? [ref] : ref).map((c) => conceptIndex.get(c)!);

  const entityNames: string[] = [];
  const entityTypes: EntityType[] = [];
  const entityConcepts: Int32Array[] = [];
  for (const type of ENTITY_TYPES) {
    for (const [name, entity] of Object.entries(config.entities[type])) {
      entityNames.push(name);
      entityTypes.push(type);
      entityConcepts.push(Int32Array.from(entity.concepts.map((c) => conceptIndex.get(c)!)));
    }
  }

  // A term's payload is its place in these lists. The matcher drops terms that normalise to
  // nothing, so its pattern ids are translated back through them below.
  const termKind: TermKind[] = [];
  const termTarget: number[] = [];
  const specs: TermSpec[] = [];
  const addTerm = (raw: string, kind: TermKind, target: number) => {
    specs.push({ raw, payload: termKind.length });
    termKind.push(kind);
    termTarget.push(target);
  };
  Object.values(config.concepts).forEach((concept, c) =>
    Object.values(concept.terms).forEach((list) => list.forEach((raw) => addTerm(raw, TermKind.Concept, c))),
  );
  entityNames.forEach((name, e) => config.entities[entityTypes[e]][name].terms.forEach((raw) => addTerm(raw, TermKind.Entity, e)));
  config.ignore.forEach((raw) => addTerm(raw, TermKind.Ignore, -1));
  const terms = new TermMatcher(specs);

  const patterns = terms.payloads.length;
  const patternKind = new Uint8Array(patterns);
  const patternEntity = new Int32Array(patterns).fill(-1);
  const patternConcepts = new Array<Int32Array>(patterns);
  const none = new Int32Array(0);
  for (let p = 0; p < patterns; p++) {
    const term = terms.payloads[p];
    const kind = termKind[term];
    patternKind[p] = kind;
    if (kind === TermKind.Entity) patternEntity[p] = termTarget[term];
    patternConcepts[p] =
      kind === TermKind.Concept ? Int32Array.of(termTarget[term]) : kind === TermKind.Entity ? entityConcepts[termTarget[term]] : none;
  }

  const derivedEntries = Object.entries(config.derived);
  const derived: DerivedConcept[] = derivedEntries.map(([name, d]) => ({
    concept: conceptIndex.get(name)!,
    latinWindow: (d.window ?? config.window).latin,
    cjkWindow: (d.window ?? config.window).cjk,
  }));
  const patternFirstSideOf = new Int32Array(patterns);
  const patternSecondSideOf = new Int32Array(patterns);
  derivedEntries.forEach(([, d], bit) => {
    const first = new Set(indicesOf(d.near[0]));
    const second = new Set(indicesOf(d.near[1]));
    for (let p = 0; p < patterns; p++) {
      for (const c of patternConcepts[p]) {
        if (first.has(c)) patternFirstSideOf[p] |= 1 << bit;
        if (second.has(c)) patternSecondSideOf[p] |= 1 << bit;
      }
    }
  });

  const signals: CompiledSignal[] = config.signals.map((s) => ({
    entries: s.all.map((ref) => Int32Array.from(indicesOf(ref))),
    weight: s.weight,
    subtopic: s.subtopic ? SUBTOPICS.indexOf(s.subtopic) : -1,
  }));

  return {
    conceptNames,
    conceptWeights,
    entityNames,
    entityTypes,
    terms,
    longestTerm: terms.maxLength,
    patternKind,
    patternEntity,
    patternConcepts,
    patternFirstSideOf,
    patternSecondSideOf,
    derived,
    widestWindow: Math.max(0, ...derived.map((d) => Math.max(d.latinWindow, d.cjkWindow))),
    signals,
    longestSignal: Math.max(1, ...signals.map((s) => s.entries.length)),
    // Kept apart from `terms`: stopwords are the most frequent words of any text, and are only
    // looked for when the caller gave no language, over the start of the story.
    stopwords: new TermMatcher(
      Object.entries(config.language.stopwords).flatMap(([lang, list]) =>
        (list ?? []).map((raw) => ({ raw, payload: (HINT_LANGUAGES as readonly string[]).indexOf(lang) })),
      ),
    ),
  };
}
