import type { DateMention, NumberMention } from './classifier.types';
import { CARDINALS, COMMA_DECIMAL, MONTHS, NOT_A_DAY, SCALES } from './fact.words';
import { WordList, fold, hashWord, isDigit, isLatin, isSpace } from './fact.text';

/**
 * The state and reading helpers of one pass of the fact extractor over a field (fact.extractor.ts
 * reads numbers, fact.dates.ts dates, on top of this): the text as folded code units, the
 * language's words, and what has been found, each fact once.
 */

export interface ExtractedFacts {
  numbers: NumberMention[];
  dates: DateMention[];
  /** Product codes as written (H20, MI325X, NXT:1980i), each once; product-code.extractor.ts names them. */
  codes: string[];
}

/** A language's words, compiled on first use. */
export interface Tables {
  commaDecimal: boolean;
  /** Month names (of every language) by {@link hashWord}. */
  months: Map<number, { word: string; month: number }>;
  scales: Map<number, { word: string; value: number }>;
  /** Cardinal words, on lower-cased text (accented spellings too: "três"); null when the language has none. */
  cardinals: RegExp | null;
}

/** A folded word as a regex that also matches its accented spellings ("tres" matches "três"). */
const ACCENTED: Record<string, string> = { a: '[aáàâãäå]', e: '[eéèêë]', i: '[iíìîï]', o: '[oóòôõöø]', u: '[uúùûü]', c: '[cç]', n: '[nñ]' };
const accented = (word: string) => [...word].map((ch) => ACCENTED[ch] ?? ch).join('');

/** Month names of every language (no name means two months): read only next to a number, and a detected language may be wrong. */
const ALL_MONTHS: [string, number][] = Object.values(MONTHS).flatMap((months) => Object.entries(months));

const tables = new Map<string, Tables>();
export function tablesOf(lang: string): Tables {
  let t = tables.get(lang);
  if (t) return t;
  const months = new Map(ALL_MONTHS.map(([word, month]) => [hashWord(word), { word, month }]));
  const scales = new Map(Object.entries(SCALES[lang] ?? SCALES.en).map(([word, value]) => [hashWord(word), { word, value }]));
  const words = Object.keys(CARDINALS[lang] ?? {}).sort((a, b) => b.length - a.length);
  const latin = 'a-z\\u00df-\\u024f';
  const cardinals = words.length ? new RegExp(`(?<![${latin}0-9])(?:${words.map(accented).join('|')})(?![${latin}0-9])`, 'g') : null;
  t = { commaDecimal: COMMA_DECIMAL.has(lang), months, scales, cardinals };
  tables.set(lang, t);
  return t;
}

const pairs = (words: readonly string[]): [string, string][] => words.map((w) => [w, w]);
/** After a Han or Hangul day number, a duration rather than a date (30日後). */
export const NOT_DAYS = new WordList(pairs(NOT_A_DAY));
export const ORDINALS = new Set(['st', 'nd', 'rd', 'th', 'er', 'o', 'a']);

export class FactReader {
  protected readonly n: number;
  protected readonly t: Tables;
  protected readonly numbers: NumberMention[];
  protected readonly dates: DateMention[];
  protected readonly codes: string[];

  /** Reads `s` up to `length`. */
  constructor(
    protected readonly s: string,
    length: number,
    protected readonly lang: string,
    out: ExtractedFacts,
    private readonly seen: Set<string>,
  ) {
    this.n = length;
    this.t = tablesOf(lang);
    this.numbers = out.numbers;
    this.dates = out.dates;
    this.codes = out.codes;
  }

  /** The folded code unit at `i`, 0 past the end. */
  protected c(i: number): number {
    return i >= 0 && i < this.n ? fold(this.s.charCodeAt(i)) : 0;
  }

  protected addNumber(value: number, unit: string, start: number, end: number): number {
    if (Number.isFinite(value) && !(unit === 'count' && value < 2)) {
      const normalised = Number.isInteger(value) ? value : Number(value.toPrecision(12));
      const key = unit + normalised;
      if (!this.seen.has(key)) {
        this.seen.add(key);
        this.numbers.push({ value: normalised, unit, text: this.s.slice(start, end).trim() });
      }
    }
    return end;
  }

  protected addDate(date: string, start: number, end: number, yearOffset?: number): number {
    const key = `date:${date}:${yearOffset ?? ''}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      const mention: DateMention = { date, text: this.s.slice(start, end).trim() };
      if (yearOffset !== undefined) mention.yearOffset = yearOffset;
      this.dates.push(mention);
    }
    return end;
  }

  // Reading helpers, on folded code units.

  startsWith(at: number, word: string): boolean {
    if (at < 0) return false;
    for (let j = 0; j < word.length; j++) if (this.c(at + j) !== word.charCodeAt(j)) return false;
    return true;
  }

  code(at: number): number {
    return this.c(at);
  }

  protected monthAt(start: number, end: number): number {
    const month = end - start >= 3 && end - start <= 10 ? this.t.months.get(this.hash(start, end)) : undefined;
    return month && month.word.length === end - start && this.startsWith(start, month.word) ? month.month : 0;
  }

  protected hash(start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ this.c(i), 0x01000193);
    return h >>> 0;
  }

  protected folded(start: number, end: number): string {
    let out = '';
    for (let i = start; i < end && i - start < 12; i++) out += String.fromCharCode(this.c(i));
    return out;
  }

  protected fourDigits(at: number): number {
    return (this.c(at) - 48) * 1000 + (this.c(at + 1) - 48) * 100 + (this.c(at + 2) - 48) * 10 + (this.c(at + 3) - 48);
  }

  protected wordStart(i: number): number {
    let j = i;
    while (isLatin(this.c(j - 1))) j--;
    return j;
  }

  protected wordEnd(i: number): number {
    let j = i;
    while (isLatin(this.c(j))) j++;
    return j;
  }

  protected skipWord(i: number): number {
    let j = i;
    while (isLatin(this.c(j)) || isDigit(this.c(j))) j++;
    return Math.max(j, i + 1);
  }

  protected skipSpaces(i: number): number {
    let j = i;
    while (isSpace(this.c(j))) j++;
    return j;
  }

  /** One or two digits followed by `marker` (月, 일...): their value and the end past the marker. */
  protected smallNumber(at: number, marker: number): { value: number; end: number } | undefined {
    if (!isDigit(this.c(at))) return undefined;
    const two = isDigit(this.c(at + 1));
    const value = two ? (this.c(at) - 48) * 10 + (this.c(at + 1) - 48) : this.c(at) - 48;
    const end = at + (two ? 2 : 1);
    return this.c(end) === marker ? { value, end: end + 1 } : undefined;
  }

  /** Past an ordinal suffix written onto a day ("23rd"). */
  protected ordinalEnd(end: number): number {
    const suffix = this.wordEnd(end);
    return suffix - end === 2 && ORDINALS.has(this.folded(end, suffix)) ? suffix : end;
  }
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}
