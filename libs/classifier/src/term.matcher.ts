import { NormalisedText, SPACE, WORD_CHAR, normalise } from './text.normaliser';

/**
 * Multi-pattern matcher (Aho–Corasick) over normalised text: one pass finds every lexicon term,
 * whatever the number of terms, which is what keeps classification at tens of thousands of
 * stories per second.
 *
 * Term syntax (applied after normalisation):
 * - `export*`  prefix: matches export, exports, exportação ("stems" for inflected languages);
 * - `*kontroll*` infix: no boundary on either side (German compounds: Exportkontrollen);
 * - `h20`      whole word: not inside "h200" or "gh20";
 * - `=BIS`     whole word whose source text has exactly this case (German "bis" = until).
 * Word boundaries only apply to letters of space-separated scripts: a CJK or Hangul term, or the
 * CJK side of a mixed term, matches anywhere, since those scripts do not separate words.
 */

export interface TermSpec {
  /** The term as written in config, with its `*` and `=` markers. */
  readonly raw: string;
  /** What a match means to the caller (a concept, an entity...). */
  readonly payload: number;
}

export interface CompiledTerm {
  /** Normalised term. */
  readonly text: string;
  /** What the automaton looks for: the term with a space on each side that needs a word boundary. */
  readonly pattern: string;
  readonly leftBoundary: boolean;
  readonly rightBoundary: boolean;
  /** Exact-case form the source must have, or null. */
  readonly exactCase: string | null;
}

/** Parse one term of the config syntax; returns null when nothing is left after normalisation. */
export function compileTerm(raw: string): CompiledTerm | null {
  let s = raw.trim();
  let exact = false;
  if (s.startsWith('=')) {
    exact = true;
    s = s.slice(1);
  }
  const openLeft = s.startsWith('*');
  const openRight = s.endsWith('*') && s.length > 1;
  s = s.replace(/^\*+|\*+$/g, '');
  const text = normalise(s);
  if (text === '') return null;
  // The normaliser puts every word of a spaced script between spaces, so a word boundary is
  // simply a space in the pattern; CJK ends need none.
  const leftBoundary = !openLeft && WORD_CHAR[text.charCodeAt(0)] === 1;
  const rightBoundary = !openRight && WORD_CHAR[text.charCodeAt(text.length - 1)] === 1;
  return {
    text,
    pattern: `${leftBoundary ? ' ' : ''}${text}${rightBoundary ? ' ' : ''}`,
    leftBoundary,
    rightBoundary,
    exactCase: exact ? exactCaseForm(s) : null,
  };
}

/** Case-preserving counterpart of `normalise`, used only to check `=` terms. */
export function exactCaseForm(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Growable list of matches: `[start, end)` in normalised positions and the pattern id. */
export class MatchList {
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  patterns = new Int32Array(256);
  length = 0;

  push(start: number, end: number, pattern: number): void {
    if (this.length === this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.patterns = grow(this.patterns);
    }
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.patterns[this.length] = pattern;
    this.length++;
  }
}

// Normalised ASCII only ever contains a-z, 0-9 and space: a 37-symbol alphabet gives a compact
// dense transition table for the common case. Everything else goes through per-node maps.
const ASCII_SYMBOL = new Int8Array(128).fill(-1);
for (let c = 0x61; c <= 0x7a; c++) ASCII_SYMBOL[c] = c - 0x61;
for (let c = 0x30; c <= 0x39; c++) ASCII_SYMBOL[c] = 26 + c - 0x30;
ASCII_SYMBOL[SPACE] = 36;
const ASCII_SYMBOLS = 37;

function wideHash(state: number, unit: number): number {
  return (Math.imul(state, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) >>> 7;
}

export class TermMatcher {
  /** Compiled form of each pattern, indexed by pattern id. */
  readonly terms: readonly CompiledTerm[];
  /** Caller payload of each pattern. */
  readonly payloads: Int32Array;
  private readonly lengths: Int32Array;
  private readonly lead: Uint8Array;
  private readonly trail: Uint8Array;
  // Uint16 when it fits: the table is the hot working set, and half the size stays in cache.
  private readonly delta: Uint16Array | Int32Array;
  // Non-ASCII transitions (CJK, Hangul...): an open-addressing hash on (state, code unit), faster
  // than a Map per state, plus a flag per state so states without such edges skip the probe.
  private readonly hasWide: Uint8Array;
  private readonly wideState: Int32Array;
  private readonly wideUnit: Int32Array;
  private readonly wideNext: Int32Array;
  private readonly wideMask: number;
  private readonly fail: Int32Array;
  private readonly outFirst: Int32Array;
  private readonly outNext: Int32Array;
  private readonly dictLink: Int32Array;
  /** The state itself if it ends a pattern, else its dictionary link: where output starts. */
  private readonly firstOut: Int32Array;
  private readonly inAlphabet: Uint8Array;

  constructor(specs: readonly TermSpec[]) {
    const terms: CompiledTerm[] = [];
    const payloads: number[] = [];
    for (const spec of specs) {
      const t = compileTerm(spec.raw);
      if (!t) continue;
      terms.push(t);
      payloads.push(spec.payload);
    }
    this.terms = terms;
    this.payloads = Int32Array.from(payloads);
    this.lengths = Int32Array.from(terms.map((t) => t.pattern.length));
    this.lead = Uint8Array.from(terms.map((t) => (t.leftBoundary ? 1 : 0)));
    this.trail = Uint8Array.from(terms.map((t) => (t.rightBoundary ? 1 : 0)));

    // Trie with sparse children during construction.
    const children = [new Map<number, number>()];
    const ends: number[][] = [[]];
    this.inAlphabet = new Uint8Array(65536);
    terms.forEach((t, id) => {
      let node = 0;
      for (let i = 0; i < t.pattern.length; i++) {
        const c = t.pattern.charCodeAt(i);
        this.inAlphabet[c] = 1;
        let next = children[node].get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          ends.push([]);
          children[node].set(c, next);
        }
        node = next;
      }
      ends[node].push(id);
    });
    const nodes = children.length;
    const fail = new Int32Array(nodes);
    const dictLink = new Int32Array(nodes).fill(-1);
    const delta = nodes < 65536 ? new Uint16Array(nodes * ASCII_SYMBOLS) : new Int32Array(nodes * ASCII_SYMBOLS);
    const wide = new Array<Map<number, number> | undefined>(nodes);
    const outFirst = new Int32Array(nodes).fill(-1);
    const outNext = new Int32Array(terms.length).fill(-1);
    for (let node = 0; node < nodes; node++) {
      const list = ends[node];
      for (let k = list.length - 1; k >= 0; k--) {
        outNext[list[k]] = outFirst[node];
        outFirst[node] = list[k];
      }
      for (const [c, child] of children[node]) {
        if (c >= 128) (wide[node] ??= new Map()).set(c, child);
      }
    }
    // Breadth-first: failure links, output links, and the dense ASCII automaton.
    const queue: number[] = [];
    for (let s = 0; s < ASCII_SYMBOLS; s++) delta[s] = 0;
    for (const [c, child] of children[0]) {
      fail[child] = 0;
      queue.push(child);
      if (c < 128) delta[ASCII_SYMBOL[c]] = child;
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi];
      const f = fail[node];
      dictLink[node] = outFirst[f] !== -1 ? f : dictLink[f];
      for (let s = 0; s < ASCII_SYMBOLS; s++) delta[node * ASCII_SYMBOLS + s] = delta[f * ASCII_SYMBOLS + s];
      for (const [c, child] of children[node]) {
        let g = f;
        let target = -1;
        while (true) {
          const t = children[g].get(c);
          if (t !== undefined && t !== child) {
            target = t;
            break;
          }
          if (g === 0) break;
          g = fail[g];
        }
        fail[child] = target === -1 ? 0 : target;
        if (c < 128) delta[node * ASCII_SYMBOLS + ASCII_SYMBOL[c]] = child;
        queue.push(child);
      }
    }
    this.fail = fail;
    this.dictLink = dictLink;
    this.firstOut = Int32Array.from(outFirst, (o, node) => (o !== -1 ? node : dictLink[node]));
    this.delta = delta;
    const edges = wide.reduce((n, m) => n + (m ? m.size : 0), 0);
    let size = 16;
    while (size < edges * 2) size *= 2;
    this.wideMask = size - 1;
    this.wideState = new Int32Array(size).fill(-1);
    this.wideUnit = new Int32Array(size);
    this.wideNext = new Int32Array(size);
    this.hasWide = new Uint8Array(nodes);
    wide.forEach((m, node) => {
      if (!m) return;
      this.hasWide[node] = 1;
      for (const [c, next] of m) {
        let h = wideHash(node, c) & this.wideMask;
        while (this.wideState[h] !== -1) h = (h + 1) & this.wideMask;
        this.wideState[h] = node;
        this.wideUnit[h] = c;
        this.wideNext[h] = next;
      }
    });
    this.outFirst = outFirst;
    this.outNext = outNext;
  }

  /**
   * Find every boundary-respecting match in the first `limit` units of `text`, in order of end
   * position. Matches are appended to `out`; or, when `tally` is given, `tally[payload]` is
   * incremented instead (stopword counting needs no positions).
   */
  scan(text: NormalisedText, out: MatchList, limit = text.length, tally?: Float64Array): void {
    const buf = text.buf;
    const n = Math.min(limit, text.length);
    const delta = this.delta;
    const hasWide = this.hasWide;
    const wideState = this.wideState;
    const wideUnit = this.wideUnit;
    const wideNext = this.wideNext;
    const wideMask = this.wideMask;
    const fail = this.fail;
    const inAlphabet = this.inAlphabet;
    const outFirst = this.outFirst;
    const outNext = this.outNext;
    const dictLink = this.dictLink;
    const firstOut = this.firstOut;
    const lengths = this.lengths;
    const lead = this.lead;
    const trail = this.trail;
    const terms = this.terms;
    const payloads = this.payloads;
    let state = 0;
    for (let i = 0; i < n; i++) {
      const c = buf[i];
      if (c < 128) {
        state = delta[state * ASCII_SYMBOLS + ASCII_SYMBOL[c]];
      } else if (inAlphabet[c] === 0) {
        state = 0;
        continue;
      } else {
        while (true) {
          if (hasWide[state] === 1) {
            let h = wideHash(state, c) & wideMask;
            let next = -1;
            while (wideState[h] !== -1) {
              if (wideState[h] === state && wideUnit[h] === c) {
                next = wideNext[h];
                break;
              }
              h = (h + 1) & wideMask;
            }
            if (next !== -1) {
              state = next;
              break;
            }
          }
          if (state === 0) break;
          state = fail[state];
        }
      }
      for (let node = firstOut[state]; node !== -1; node = dictLink[node]) {
        for (let p = outFirst[node]; p !== -1; p = outNext[p]) {
          const start = i + 1 - lengths[p] + lead[p];
          const end = i + 1 - trail[p];
          const exact = terms[p].exactCase;
          if (exact !== null && exactCaseForm(text.sourceSlice(start, end)) !== exact) continue;
          if (tally) tally[payloads[p]] += 1;
          else out.push(start, end, p);
        }
      }
    }
  }

  /** Length of the longest pattern, in normalised units. */
  get maxLength(): number {
    let max = 0;
    for (let p = 0; p < this.lengths.length; p++) max = Math.max(max, this.lengths[p]);
    return max;
  }
}
