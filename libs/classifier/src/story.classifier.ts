import {
  ClassifierConfig,
  ClassifierConfigInput,
  ENTITY_TYPES,
  EntityType,
  SUBTOPICS,
  Subtopic,
  classifierConfigSchema,
} from './classifier.schema';
import { Classification, Classifier, Entities, Evidence, StoryInput, TOPIC } from './classifier.types';
import { classifierVersion } from './classifier.version';
import { LanguageEvidence, detectLanguage, primaryLanguage } from './language.detector';
import { MatchList, TermMatcher, TermSpec } from './term.matcher';
import { HINT_LANGUAGES, NormalisedText, isCjkCodeUnit, normaliseInto } from './text.normaliser';

const enum Kind {
  Concept = 0,
  Entity = 1,
  Ignore = 2,
}

/** Normalised units of a story read for language detection; the opening is enough. */
const LANGUAGE_SAMPLE = 600;
const TITLE = 0;
const SUMMARY = 1;
const FIELDS = ['title', 'summary'] as const;

interface Signal {
  clauses: Int32Array[];
  weight: number;
  subtopic: number;
}

interface Derived {
  index: number;
  left: Uint8Array;
  right: Uint8Array;
  latinWindow: number;
  cjkWindow: number;
}

/**
 * Validate `config` (defaults applied), compile its lexicons into one matcher and return a
 * classifier. Compilation takes milliseconds; `classify` is then allocation-light and pure:
 * the same story and config always give the same result.
 */
export function createClassifier(config: ClassifierConfigInput | ClassifierConfig): Classifier {
  const cfg = classifierConfigSchema.parse(config);
  const version = classifierVersion(cfg);

  // Concepts: base concepts first, then derived ones, in config order.
  const conceptNames = [...Object.keys(cfg.concepts), ...Object.keys(cfg.derived)];
  const baseCount = Object.keys(cfg.concepts).length;
  const nC = conceptNames.length;
  const conceptIndex = new Map(conceptNames.map((name, i) => [name, i]));
  const conceptWeight = Float64Array.from(conceptNames.map((name, i) =>
    i < baseCount ? cfg.concepts[name].weight : cfg.derived[name].weight,
  ));
  const refIndices = (ref: string | string[]) => (typeof ref === 'string' ? [ref] : ref).map((c) => conceptIndex.get(c)!);
  const mask = (ref: string | string[]) => {
    const m = new Uint8Array(nC);
    for (const c of refIndices(ref)) m[c] = 1;
    return m;
  };

  // Entities.
  const entityName: string[] = [];
  const entityType: EntityType[] = [];
  const entityConcepts: Int32Array[] = [];
  for (const type of ENTITY_TYPES) {
    for (const [name, e] of Object.entries(cfg.entities[type])) {
      entityName.push(name);
      entityType.push(type);
      entityConcepts.push(Int32Array.from(e.concepts.map((c) => conceptIndex.get(c)!)));
    }
  }

  // Every term of every kind goes into one matcher; a target says what a match means.
  const targetKind: Kind[] = [];
  const targetRef: number[] = [];
  const specs: TermSpec[] = [];
  const addTerm = (raw: string, kind: Kind, ref: number) => {
    specs.push({ raw, payload: targetKind.length });
    targetKind.push(kind);
    targetRef.push(ref);
  };
  Object.values(cfg.concepts).forEach((c, ci) => Object.values(c.terms).forEach((list) => list.forEach((t) => addTerm(t, Kind.Concept, ci))));
  entityName.forEach((name, ei) => {
    const e = cfg.entities[entityType[ei]][name];
    e.terms.forEach((t) => addTerm(t, Kind.Entity, ei));
  });
  cfg.ignore.forEach((t) => addTerm(t, Kind.Ignore, -1));
  const matcher = new TermMatcher(specs);
  const maxTermLength = matcher.maxLength;
  // Stopwords live in their own matcher, run only when the caller gave no language and only over
  // the start of the story: they are the most frequent words of any text.
  const stopwordMatcher = new TermMatcher(
    Object.entries(cfg.language.stopwords).flatMap(([lang, list]) =>
      (list ?? []).map((raw) => ({ raw, payload: (HINT_LANGUAGES as readonly string[]).indexOf(lang) })),
    ),
  );
  const nP = matcher.payloads.length;
  const patKind = new Uint8Array(nP);
  const patRef = new Int32Array(nP);
  const patConcepts: Int32Array[] = new Array(nP);
  const empty = new Int32Array(0);
  for (let p = 0; p < nP; p++) {
    const t = matcher.payloads[p];
    patKind[p] = targetKind[t];
    patRef[p] = targetRef[t];
    patConcepts[p] =
      targetKind[t] === Kind.Concept ? Int32Array.of(targetRef[t]) : targetKind[t] === Kind.Entity ? entityConcepts[targetRef[t]] : empty;
  }

  const derived: Derived[] = Object.entries(cfg.derived).map(([name, d]) => ({
    index: conceptIndex.get(name)!,
    left: mask(d.near[0]),
    right: mask(d.near[1]),
    latinWindow: (d.window ?? cfg.window).latin,
    cjkWindow: (d.window ?? cfg.window).cjk,
  }));
  const signals: Signal[] = cfg.signals.map((s) => ({
    clauses: s.all.map((ref) => Int32Array.from(refIndices(ref))),
    weight: s.weight,
    subtopic: s.subtopic ? SUBTOPICS.indexOf(s.subtopic) : -1,
  }));
  const maxClauses = Math.max(1, ...signals.map((s) => s.clauses.length));
  const fieldWeight = [cfg.fieldWeights.title, cfg.fieldWeights.summary];
  const maxWindow = Math.max(0, ...derived.map((d) => Math.max(d.latinWindow, d.cjkWindow)));
  const { perMention, max: maxBoost } = cfg.repeatBoost;

  // Scratch state reused across calls: classify is synchronous, so no call can observe another's.
  const texts = [new NormalisedText(), new NormalisedText()];
  const matches = [new MatchList(), new MatchList()];
  let dropped = new Uint8Array(256);
  const count = new Int32Array(2 * nC);
  const firstStart = new Int32Array(2 * nC);
  const firstEnd = new Int32Array(2 * nC);
  const lastEnd = new Int32Array(nC);
  const strength = new Float64Array(nC);
  const share = new Float64Array(nC);
  const subtopicSum = new Float64Array(SUBTOPICS.length);
  const entityKey = new Float64Array(entityName.length);
  const bestOfClause = new Int32Array(maxClauses);
  // Which derived concepts each pattern can take part in, as bit masks (the schema caps their number).
  const nD = derived.length;
  const patLeftBits = new Int32Array(nP);
  const patRightBits = new Int32Array(nP);
  for (let p = 0; p < nP; p++) {
    derived.forEach((d, dI) => {
      for (const c of patConcepts[p]) {
        if (d.left[c]) patLeftBits[p] |= 1 << dI;
        if (d.right[c]) patRightBits[p] |= 1 << dI;
      }
    });
  }
  const leftLists = Array.from({ length: Math.max(1, nD) }, () => new Int32Array(64));
  const rightLists = Array.from({ length: Math.max(1, nD) }, () => new Int32Array(64));
  const leftCount = new Int32Array(nD);
  const rightCount = new Int32Array(nD);
  const lang = new LanguageEvidence();

  function processField(f: number): void {
    const text = texts[f];
    const m = matches[f];
    const k = m.length;
    if (dropped.length < k) dropped = new Uint8Array(k * 2);
    dropped.fill(0, 0, k);
    const { starts, ends, patterns } = m;

    // Ignore phrases hide what they contain; an entity inside a longer entity (商务部 inside
    // 美国商务部) is the longer one only. Matches are sorted by end, and two matches can only
    // overlap if their ends are less than the longest term apart: scan that neighbourhood only.
    for (let i = 0; i < k; i++) {
      const ki = patKind[patterns[i]];
      if (ki === Kind.Concept) continue;
      if (ki === Kind.Ignore) {
        dropped[i] = 1;
        for (let j = i - 1; j >= 0 && ends[j] > starts[i] - maxTermLength; j--) {
          if (starts[j] >= starts[i] && patKind[patterns[j]] !== Kind.Ignore) dropped[j] = 1;
        }
        for (let j = i + 1; j < k && ends[j] === ends[i]; j++) {
          if (starts[j] >= starts[i] && patKind[patterns[j]] !== Kind.Ignore) dropped[j] = 1;
        }
      } else {
        const lenI = ends[i] - starts[i];
        for (let j = i - 1; j >= 0 && ends[j] === ends[i]; j--) {
          if (patKind[patterns[j]] === Kind.Entity && starts[j] < starts[i]) dropped[i] = 1;
        }
        for (let j = i + 1; j < k && ends[j] - maxTermLength < ends[i]; j++) {
          if (patKind[patterns[j]] === Kind.Entity && starts[j] <= starts[i] && ends[j] - starts[j] > lenI) dropped[i] = 1;
        }
      }
    }

    const base = f * nC;
    lastEnd.fill(-1);
    for (let i = 0; i < k; i++) {
      if (dropped[i]) continue;
      const p = patterns[i];
      const cs = patConcepts[p];
      for (let q = 0; q < cs.length; q++) {
        // Overlapping matches of one concept ("chip" and "chip*" on the same word) are one mention.
        if (starts[i] < lastEnd[cs[q]]) continue;
        lastEnd[cs[q]] = ends[i];
        const idx = base + cs[q];
        if (count[idx]++ === 0) {
          firstStart[idx] = starts[i];
          firstEnd[idx] = ends[i];
        }
      }
      if (patKind[p] === Kind.Entity) {
        const key = f * 1e9 + starts[i];
        const e = patRef[p];
        if (entityKey[e] < 0 || key < entityKey[e]) entityKey[e] = key;
      }
    }

    // Derived concepts: a left-side match with a right-side match close by. One pass sorts the
    // matches into per-derived lists (kept in end order), using per-pattern bit masks.
    if (leftLists[0].length < k) {
      for (let d = 0; d < nD; d++) {
        leftLists[d] = new Int32Array(k * 2);
        rightLists[d] = new Int32Array(k * 2);
      }
    }
    leftCount.fill(0);
    rightCount.fill(0);
    for (let i = 0; i < k; i++) {
      if (dropped[i]) continue;
      const p = patterns[i];
      for (let bits = patLeftBits[p]; bits !== 0; bits &= bits - 1) {
        const d = 31 - Math.clz32(bits & -bits);
        leftLists[d][leftCount[d]++] = i;
      }
      for (let bits = patRightBits[p]; bits !== 0; bits &= bits - 1) {
        const d = 31 - Math.clz32(bits & -bits);
        rightLists[d][rightCount[d]++] = i;
      }
    }
    for (let dI = 0; dI < nD; dI++) {
      const d = derived[dI];
      const nl = leftCount[dI];
      const nr = rightCount[dI];
      const left = leftLists[dI];
      const right = rightLists[dI];
      if (nl === 0 || nr === 0) continue;
      const idx = base + d.index;
      // Both lists are sorted by end; candidates for left[a] end within reach of it.
      let from = 0;
      for (let a = 0; a < nl; a++) {
        const i = left[a];
        while (from < nr && ends[right[from]] < ends[i] - maxTermLength - maxWindow) from++;
        for (let b = from; b < nr; b++) {
          const j = right[b];
          if (ends[j] - maxTermLength > ends[i] + maxWindow) break;
          const gap = Math.max(starts[i], starts[j]) - Math.min(ends[i], ends[j]);
          if (gap > maxWindow) continue;
          const cjk = isCjkCodeUnit(text.buf[starts[i]]) || isCjkCodeUnit(text.buf[starts[j]]);
          if (gap <= (cjk ? d.cjkWindow : d.latinWindow)) {
            if (count[idx]++ === 0) {
              firstStart[idx] = Math.min(starts[i], starts[j]);
              firstEnd[idx] = Math.max(ends[i], ends[j]);
            }
            break;
          }
        }
      }
    }
  }

  function classify(story: StoryInput): Classification {
    count.fill(0);
    entityKey.fill(-1);
    lang.reset();
    const detect = !story.language;
    for (let f = 0; f < 2; f++) {
      const text = texts[f];
      const value = f === TITLE ? story.title : story.summary;
      normaliseInto(typeof value === 'string' ? value : '', text);
      if (detect) {
        lang.addText(text.scripts, text.hints);
        stopwordMatcher.scan(text, matches[f], LANGUAGE_SAMPLE, lang.latin);
      }
      matches[f].length = 0;
      matcher.scan(text, matches[f]);
      processField(f);
    }

    for (let c = 0; c < nC; c++) {
      const inTitle = count[c];
      const total = inTitle + count[nC + c];
      strength[c] = total === 0 ? 0 : Math.min(1, (inTitle > 0 ? fieldWeight[TITLE] : fieldWeight[SUMMARY]) + Math.min(maxBoost, perMention * (total - 1)));
    }
    share.fill(0);
    subtopicSum.fill(0);
    let z = cfg.bias;
    for (const s of signals) {
      let sum = 0;
      let fired = true;
      for (let j = 0; j < s.clauses.length; j++) {
        const clause = s.clauses[j];
        let best = 0;
        let bestC = -1;
        for (let q = 0; q < clause.length; q++) {
          if (strength[clause[q]] > best) {
            best = strength[clause[q]];
            bestC = clause[q];
          }
        }
        if (bestC === -1) {
          fired = false;
          break;
        }
        bestOfClause[j] = bestC;
        sum += best;
      }
      if (!fired) continue;
      const contribution = (s.weight * sum) / s.clauses.length;
      z += contribution;
      for (let j = 0; j < s.clauses.length; j++) share[bestOfClause[j]] += contribution / s.clauses.length;
      if (s.subtopic >= 0) subtopicSum[s.subtopic] += contribution;
    }
    for (let c = 0; c < nC; c++) {
      if (strength[c] > 0 && conceptWeight[c] !== 0) {
        z += conceptWeight[c] * strength[c];
        share[c] += conceptWeight[c] * strength[c];
      }
    }
    const score = Math.round(1e4 / (1 + Math.exp(-z))) / 1e4;
    const relevant = score >= cfg.threshold;

    const evidence: Evidence[] = [];
    const order: number[] = [];
    for (let c = 0; c < nC; c++) if (Math.abs(share[c]) > 1e-9) order.push(c);
    order.sort((a, b) => Math.abs(share[b]) - Math.abs(share[a]) || a - b);
    for (const c of order.slice(0, cfg.maxEvidence)) {
      const f = count[c] > 0 ? TITLE : SUMMARY;
      const idx = f * nC + c;
      evidence.push({
        text: texts[f].sourceWords(firstStart[idx], firstEnd[idx]),
        field: FIELDS[f],
        concept: conceptNames[c],
        weight: Math.round(share[c] * 1000) / 1000,
      });
    }

    const entities: Entities = { companies: [], products: [], agencies: [], jurisdictions: [] };
    const mentioned: number[] = [];
    for (let e = 0; e < entityKey.length; e++) if (entityKey[e] >= 0) mentioned.push(e);
    mentioned.sort((a, b) => entityKey[a] - entityKey[b] || a - b);
    for (const e of mentioned) entities[entityType[e]].push(entityName[e]);

    const subtopics: Subtopic[] = [];
    if (relevant) {
      const idx = SUBTOPICS.map((_, i) => i).filter((i) => subtopicSum[i] >= cfg.subtopicMinWeight);
      idx.sort((a, b) => subtopicSum[b] - subtopicSum[a] || a - b);
      for (const i of idx) subtopics.push(SUBTOPICS[i]);
    }

    return {
      relevant,
      score,
      topic: TOPIC,
      subtopics,
      entities,
      evidence,
      language: story.language ? primaryLanguage(story.language) : detectLanguage(lang, cfg.language.minScore),
      classifierVersion: version,
    };
  }

  return { version, classify };
}
