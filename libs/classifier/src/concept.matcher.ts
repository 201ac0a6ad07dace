import { TermKind, type CompiledLexicon } from './lexicon.compiler';
import type { MatchList } from './term.matcher';
import { isCjkCodeUnit, type NormalisedText } from './text.normaliser';

/**
 * Step 2 of classifying: from the term matches of each field to the concepts and entities the
 * story mentions. Matches hidden by an ignore phrase or a longer entity are dropped, each
 * remaining match counts for its concepts, and derived concepts are found where their two sides
 * are close enough.
 */

/** A story's fields in the order they are read; a field's index is its place here. */
export const FIELDS = ['title', 'summary'] as const;
export const TITLE = 0;
export const SUMMARY = 1;

/** What the match step found in one story. */
export class StoryMentions {
  /** Mentions per field and concept, at `field * concepts + concept`. */
  readonly count: Int32Array;
  /** Normalised span of the first mention, at the same index as `count`; valid where it is > 0. */
  readonly firstStart: Int32Array;
  readonly firstEnd: Int32Array;
  /** Per entity: `field * 1e9 + start` of its first mention, so that title mentions come first; -1 if none. */
  readonly entityFirstMention: Float64Array;

  constructor(
    readonly concepts: number,
    entities: number,
  ) {
    this.count = new Int32Array(FIELDS.length * concepts);
    this.firstStart = new Int32Array(FIELDS.length * concepts);
    this.firstEnd = new Int32Array(FIELDS.length * concepts);
    this.entityFirstMention = new Float64Array(entities);
  }

  reset(): void {
    this.count.fill(0);
    this.entityFirstMention.fill(-1);
  }
}

/**
 * Holds scratch arrays reused from field to field: `matchField` is synchronous, so no call can
 * observe another's.
 */
export class ConceptMatcher {
  private hidden = new Uint8Array(256);
  /** Per concept: end of its last counted match in the current field. */
  private readonly lastEnd: Int32Array;
  /** Per derived concept: indices of the matches that can be its first (second) side, in end order. */
  private firstSides: Int32Array[];
  private secondSides: Int32Array[];
  private readonly firstSideCount: Int32Array;
  private readonly secondSideCount: Int32Array;

  constructor(private readonly lexicon: CompiledLexicon) {
    const derived = lexicon.derived.length;
    this.lastEnd = new Int32Array(lexicon.conceptNames.length);
    this.firstSides = Array.from({ length: Math.max(1, derived) }, () => new Int32Array(64));
    this.secondSides = Array.from({ length: Math.max(1, derived) }, () => new Int32Array(64));
    this.firstSideCount = new Int32Array(derived);
    this.secondSideCount = new Int32Array(derived);
  }

  /** Adds to `mentions` what field `field` mentions, from `matches`: the term matches of `text`, in end order. */
  matchField(field: number, text: NormalisedText, matches: MatchList, mentions: StoryMentions): void {
    const hidden = this.hideCovered(matches);
    this.countMentions(field, matches, hidden, mentions);
    this.matchDerived(field, text, matches, hidden, mentions);
  }

  /**
   * Ignore phrases hide what they contain; an entity inside a longer entity (商务部 inside
   * 美国商务部) is the longer one only. Returns a flag per match. Matches are sorted by end, and
   * two can only overlap if their ends are less than the longest term apart: only that
   * neighbourhood is scanned.
   */
  private hideCovered(matches: MatchList): Uint8Array {
    const k = matches.length;
    if (this.hidden.length < k) this.hidden = new Uint8Array(k * 2);
    const hidden = this.hidden;
    hidden.fill(0, 0, k);
    const { starts, ends, patterns } = matches;
    const kind: ArrayLike<TermKind> = this.lexicon.patternKind;
    const longestTerm = this.lexicon.longestTerm;
    for (let i = 0; i < k; i++) {
      const kindI = kind[patterns[i]];
      if (kindI === TermKind.Concept) continue;
      if (kindI === TermKind.Ignore) {
        hidden[i] = 1;
        for (let j = i - 1; j >= 0 && ends[j] > starts[i] - longestTerm; j--) {
          if (starts[j] >= starts[i] && kind[patterns[j]] !== TermKind.Ignore) hidden[j] = 1;
        }
        for (let j = i + 1; j < k && ends[j] === ends[i]; j++) {
          if (starts[j] >= starts[i] && kind[patterns[j]] !== TermKind.Ignore) hidden[j] = 1;
        }
      } else {
        const lengthI = ends[i] - starts[i];
        for (let j = i - 1; j >= 0 && ends[j] === ends[i]; j--) {
          if (kind[patterns[j]] === TermKind.Entity && starts[j] < starts[i]) hidden[i] = 1;
        }
        for (let j = i + 1; j < k && ends[j] - longestTerm < ends[i]; j++) {
          if (kind[patterns[j]] === TermKind.Entity && starts[j] <= starts[i] && ends[j] - starts[j] > lengthI) hidden[i] = 1;
        }
      }
    }
    return hidden;
  }

  private countMentions(field: number, matches: MatchList, hidden: Uint8Array, mentions: StoryMentions): void {
    const { starts, ends, patterns } = matches;
    const { count, firstStart, firstEnd, entityFirstMention } = mentions;
    const { patternConcepts, patternEntity } = this.lexicon;
    const lastEnd = this.lastEnd;
    const base = field * mentions.concepts;
    lastEnd.fill(-1);
    for (let i = 0; i < matches.length; i++) {
      if (hidden[i]) continue;
      const p = patterns[i];
      const concepts = patternConcepts[p];
      for (let q = 0; q < concepts.length; q++) {
        const c = concepts[q];
        // Overlapping matches of one concept ("chip" and "chip*" on the same word) are one mention.
        if (starts[i] < lastEnd[c]) continue;
        lastEnd[c] = ends[i];
        const at = base + c;
        if (count[at]++ === 0) {
          firstStart[at] = starts[i];
          firstEnd[at] = ends[i];
        }
      }
      const e = patternEntity[p];
      if (e >= 0) {
        const key = field * 1e9 + starts[i];
        if (entityFirstMention[e] < 0 || key < entityFirstMention[e]) entityFirstMention[e] = key;
      }
    }
  }

  /**
   * A derived concept is mentioned once per first-side match with a second-side match close by.
   * One pass sorts the matches into per-derived lists (kept in end order), using the per-pattern
   * bit masks; then each list pair is walked with a sliding start.
   */
  private matchDerived(field: number, text: NormalisedText, matches: MatchList, hidden: Uint8Array, mentions: StoryMentions): void {
    const k = matches.length;
    const { starts, ends, patterns } = matches;
    const { derived, patternFirstSideOf, patternSecondSideOf, longestTerm, widestWindow } = this.lexicon;
    const { count, firstStart, firstEnd } = mentions;
    const derivedCount = derived.length;
    if (this.firstSides[0].length < k) {
      for (let d = 0; d < derivedCount; d++) {
        this.firstSides[d] = new Int32Array(k * 2);
        this.secondSides[d] = new Int32Array(k * 2);
      }
    }
    const { firstSides, secondSides, firstSideCount, secondSideCount } = this;
    firstSideCount.fill(0);
    secondSideCount.fill(0);
    for (let i = 0; i < k; i++) {
      if (hidden[i]) continue;
      const p = patterns[i];
      for (let bits = patternFirstSideOf[p]; bits !== 0; bits &= bits - 1) {
        const d = 31 - Math.clz32(bits & -bits);
        firstSides[d][firstSideCount[d]++] = i;
      }
      for (let bits = patternSecondSideOf[p]; bits !== 0; bits &= bits - 1) {
        const d = 31 - Math.clz32(bits & -bits);
        secondSides[d][secondSideCount[d]++] = i;
      }
    }
    const base = field * mentions.concepts;
    for (let d = 0; d < derivedCount; d++) {
      const nFirst = firstSideCount[d];
      const nSecond = secondSideCount[d];
      if (nFirst === 0 || nSecond === 0) continue;
      const { latinWindow, cjkWindow } = derived[d];
      const first = firstSides[d];
      const second = secondSides[d];
      const at = base + derived[d].concept;
      // Second-side candidates for first[a] end within reach of it; both lists are in end order.
      let from = 0;
      for (let a = 0; a < nFirst; a++) {
        const i = first[a];
        while (from < nSecond && ends[second[from]] < ends[i] - longestTerm - widestWindow) from++;
        for (let b = from; b < nSecond; b++) {
          const j = second[b];
          if (ends[j] - longestTerm > ends[i] + widestWindow) break;
          const gap = Math.max(starts[i], starts[j]) - Math.min(ends[i], ends[j]);
          if (gap > widestWindow) continue;
          const cjk = isCjkCodeUnit(text.buf[starts[i]]) || isCjkCodeUnit(text.buf[starts[j]]);
          if (gap <= (cjk ? cjkWindow : latinWindow)) {
            if (count[at]++ === 0) {
              firstStart[at] = Math.min(starts[i], starts[j]);
              firstEnd[at] = Math.max(ends[i], ends[j]);
            }
            break;
          }
        }
      }
    }
  }
}
