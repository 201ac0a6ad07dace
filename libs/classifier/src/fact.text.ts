/**
 * Character-level reading for the fact extractor: a fold table (lower case, Latin accents
 * stripped, full width to ASCII) applied one code unit at a time, so a story is read without
 * being copied, and word lists matched at a position by their first code unit.
 */

/** Folded forms of U+0000–U+024F (ASCII, Latin-1, Latin Extended-A and B). */
const LATIN_FOLD = new Uint16Array(0x250);
for (let c = 0; c < 0x250; c++) {
  const folded = String.fromCharCode(c).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  LATIN_FOLD[c] = folded.length === 1 ? folded.charCodeAt(0) : c;
}

/**
 * A code unit folded: lower case, Latin accents stripped, full width to ASCII, the ideographic
 * space to a space. Branches and a small table rather than a 64K one: the classifier's own
 * tables are what should stay in cache.
 */
export function fold(c: number): number {
  if (c < 0x250) return LATIN_FOLD[c];
  if (c >= 0xff01 && c <= 0xff5e) return LATIN_FOLD[c - 0xfee0];
  return c === 0x3000 ? 32 : c;
}

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** A folded Latin letter. */
export const isLatin = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0x24f && c !== 0xf7);
export const isSpace = (c: number): boolean => c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 9 || c === 10 || c === 13;

/** FNV-1a over code units; the extractor computes the same over folded text while reading a word. */
export function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Folded text as the extractor reads it. */
export interface FoldedText {
  code(at: number): number;
  startsWith(at: number, word: string): boolean;
}

/** Words (folded) with a value each, matched at a position, longest first. */
export class WordList {
  private readonly byFirst = new Map<number, [string, string][]>();

  constructor(entries: readonly [string, string][]) {
    for (const entry of [...entries].sort((a, b) => b[0].length - a[0].length)) {
      const first = entry[0].charCodeAt(0);
      const list = this.byFirst.get(first);
      if (list) list.push(entry);
      else this.byFirst.set(first, [entry]);
    }
  }

  /**
   * The longest word at `at`, past one space or hyphen when `spaced` ("120-day", "36 firms"),
   * that does not run on into a Latin letter.
   */
  after(text: FoldedText, at: number, spaced: boolean): { value: string; end: number } | undefined {
    let k = at;
    if (spaced && (isSpace(text.code(k)) || text.code(k) === 45)) k++;
    const list = this.byFirst.get(text.code(k));
    if (!list) return undefined;
    for (const [word, value] of list) {
      if (!text.startsWith(k, word)) continue;
      if (isLatin(word.charCodeAt(word.length - 1)) && isLatin(text.code(k + word.length))) continue;
      return { value, end: k + word.length };
    }
    return undefined;
  }
}
