import { DateReader } from './fact.dates';
import { NOT_DAYS, ORDINALS, pad, type ExtractedFacts } from './fact.reader';
import { WordList, fold, isDigit, isLatin, isSpace, type FoldedText } from './fact.text';
import {
  ATTACHED_SCALES,
  CARDINALS,
  CJK_SCALES,
  COUNTERS,
  CURRENCY_PREFIXES,
  CURRENCY_SUFFIXES,
  HAN_DIGITS,
  HAN_TENS,
  PERCENT_WORDS,
  THOUSAND_WORDS,
  UNIT_WORDS,
} from './fact.words';

export type { ExtractedFacts } from './fact.reader';

/**
 * The numbers and dates a story mentions, in a form that does not depend on its language, so
 * that "$1.5 billion", "15亿美元" and "1,5 bilhão de dólares" are all `{value: 1500000000, unit:
 * 'USD'}`, and "36 firms", "36家企业" and "36곳" are `{value: 36, unit: 'count'}`. Pure: dates
 * are kept as written ("15日" is day 15 of an unnamed month, `---15`); the reader resolves them
 * against the story's publication time.
 *
 * One pass over each field: at each digit a number is read with the language's separators
 * (1,234.5 or 1.234,5), then what is around it says what it is (a month name before or after
 * makes a date, "October 23", "15 de mayo"; a scale, a currency, a unit; else a count); at each
 * Han numeral followed by a counter word (三名), a count. Month names count only next to a
 * number (a bare "in October" says little); cardinal words (two, três, sieben) are read in the
 * title and the first lines of the summary (see {@link SUMMARY_READ}). Characters are folded (case,
 * accents, full width) one at a time as they are read: the text is not copied.
 */

/** A cardinal word found in a field, at `start`. */
interface WordHit {
  start: number;
  end: number;
  cardinal: number;
}

/**
 * How far into the summary facts are read: numbers, dates and product codes in the first 600
 * characters (as much as language detection reads), cardinal words in the first 300. A story
 * states its facts first; reading all of a long summary would make every story cost more for little.
 */
export const SUMMARY_READ = { facts: 600, words: 300 } as const;

/** Where a number may start: a digit (ASCII or full width), or in Chinese and Japanese also a Han numeral. */
const DIGIT_START = /[0-9\uff10-\uff19]/g;
const HAN_NUMBER_START = new RegExp(`[0-9\\uff10-\\uff19${Object.keys(HAN_DIGITS).join('')}十]`, 'g');

const pairs = (words: readonly string[]): [string, string][] => words.map((w) => [w, w]);
const UNITS = new WordList(UNIT_WORDS);
const PERCENTS = new WordList(pairs(PERCENT_WORDS));
const CURRENCIES = new WordList(CURRENCY_SUFFIXES);
const COUNTER_WORDS = new WordList(pairs(COUNTERS));
const UNITLESS = new Set(['gb', 'tb', 'mb', 'gw', 'mw', 'kw', 'x']);
const HAN_NUMERALS = new Set([...Object.keys(HAN_DIGITS), ...Object.keys(HAN_TENS)].map((ch) => ch.charCodeAt(0)));
const isHanNumeral = (c: number) => c >= 0x3007 && HAN_NUMERALS.has(c);

/**
 * The facts of a story: numbers, dates and cardinal words in its title and the start of its
 * summary ({@link SUMMARY_READ}).
 * @param language primary subtag: numbers are read with its separators and words
 */
export function extractFacts(title: string, summary: string, language: string): ExtractedFacts {
  const out: ExtractedFacts = { numbers: [], dates: [], codes: [] };
  const seen = new Set<string>();
  const lang = language.slice(0, 2);
  new FactScan(title, title.length, lang, out, seen).run(title.length);
  new FactScan(summary, wordEnd(summary, SUMMARY_READ.facts), lang, out, seen).run(SUMMARY_READ.words);
  return out;
}

/** A number as read: its value, where it ends, and whether it is plain digits (a possible year or day). */
interface ReadNumber {
  value: number;
  end: number;
  plain: boolean;
  digits: number;
}

const NO_CURRENCY = { currency: '', at: 0 };
/** Currency prefixes by their last code unit, longest first: most numbers follow none of these. */
const PREFIXES_BY_LAST = new Map<number, [string, string][]>();
for (const entry of [...CURRENCY_PREFIXES].sort((a, b) => b[0].length - a[0].length)) {
  const last = entry[0].charCodeAt(entry[0].length - 1);
  PREFIXES_BY_LAST.set(last, [...(PREFIXES_BY_LAST.get(last) ?? []), entry]);
}
const NO_WORDS: WordHit[] = [];

/** One field read for facts: numbers here, dates in DateReader, state and helpers in FactReader. */
class FactScan extends DateReader {
  /** Numbers and cardinal words (those before `wordsUntil`) in order of position; what one consumed ("October 23") is not read again. */
  run(wordsUntil: number): void {
    const { s } = this;
    const words = this.cardinalWords(wordsUntil);
    const scanner = this.lang === 'zh' || this.lang === 'ja' ? HAN_NUMBER_START : DIGIT_START;
    scanner.lastIndex = 0;
    let m = this.next(scanner);
    let w = 0;
    let done = 0;
    while (m !== null || w < words.length) {
      const digitAt = m !== null ? m.index : Infinity;
      if (w < words.length && words[w].start < digitAt) {
        const hit = words[w++];
        if (hit.start >= done) done = this.quantity(hit.cardinal, false, 0, hit.start, hit.end, NO_CURRENCY);
        continue;
      }
      if (digitAt >= done) {
        const raw = s.charCodeAt(digitAt);
        if (isDigit(fold(raw))) {
          const prev = this.c(digitAt - 1);
          // Digits inside a code or a word (H20, NXT:1980i, COVID-19, N+2) are not numbers.
          if (isLatin(prev) || (prev === 58 && isLatin(this.c(digitAt - 2)))) done = this.atCode(digitAt);
          else if (isDigit(prev) || ((prev === 45 || prev === 43) && isLatin(this.c(digitAt - 2)))) done = this.skipWord(digitAt);
          else done = this.atNumber(digitAt);
        } else {
          done = this.atHanNumeral(digitAt);
        }
      }
      scanner.lastIndex = Math.max(done, digitAt + 1);
      m = this.next(scanner);
    }
  }

  private next(scanner: RegExp): RegExpExecArray | null {
    const m = scanner.exec(this.s);
    return m !== null && m.index < this.n ? m : null;
  }

  private cardinalWords(until: number): WordHit[] {
    const re = this.t.cardinals;
    if (!re || until <= 0) return NO_WORDS;
    const cardinals = CARDINALS[this.lang];
    const lede = this.s.slice(0, wordEnd(this.s, Math.min(until, this.n))).toLowerCase();
    const hits: WordHit[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(lede); m !== null; m = re.exec(lede)) {
      let folded = '';
      for (let k = 0; k < m[0].length; k++) folded += String.fromCharCode(fold(m[0].charCodeAt(k)));
      hits.push({ start: m.index, end: m.index + m[0].length, cardinal: cardinals[folded] });
    }
    return hits;
  }

  private readDigits(i: number): ReadNumber {
    let j = i;
    let int = 0;
    let digits = 0;
    while (isDigit(this.c(j))) {
      int = int * 10 + (this.c(j++) - 48);
      digits++;
    }
    const { commaDecimal } = this.t;
    const isGroup = (c: number) => (commaDecimal ? c === 46 || c === 0xa0 || c === 0x202f || (c === 32 && this.lang === 'fr') : c === 44);
    let grouped = false;
    while (
      (grouped || digits <= 3) &&
      isGroup(this.c(j)) &&
      isDigit(this.c(j + 1)) &&
      isDigit(this.c(j + 2)) &&
      isDigit(this.c(j + 3)) &&
      !isDigit(this.c(j + 4))
    ) {
      int = int * 1000 + (this.c(j + 1) - 48) * 100 + (this.c(j + 2) - 48) * 10 + (this.c(j + 3) - 48);
      j += 4;
      grouped = true;
    }
    let value = int;
    let sep = this.c(j);
    // "1,5" is a decimal in any language: no language groups fewer than three digits.
    if (!commaDecimal && sep === 44 && isDigit(this.c(j + 1)) && (!isDigit(this.c(j + 2)) || !isDigit(this.c(j + 3)))) sep = 46;
    // A dot before digits is a decimal point even where the comma is the decimal sign (US$ 1.5 bi).
    if ((sep === (commaDecimal ? 44 : 46) || (commaDecimal && sep === 46)) && isDigit(this.c(j + 1))) {
      let scale = 0.1;
      for (j++; isDigit(this.c(j)); j++, scale /= 10) value += (this.c(j) - 48) * scale;
      return { value: Number(value.toPrecision(12)), end: j, plain: false, digits };
    }
    return { value, end: j, plain: !grouped, digits };
  }

  private atNumber(i: number): number {
    const num = this.readDigits(i);
    let end = num.end;
    if (this.c(end) === 58 && isDigit(this.c(end + 1))) return this.skipWord(end + 1); // a time of day, 14:30
    const year = num.plain && num.digits === 4 && num.value >= 1900 && num.value <= 2100 ? num.value : 0;
    if (year) {
      const sep = this.c(end);
      if ((sep === 45 || sep === 47) && isDigit(this.c(end + 1)) && isDigit(this.c(end + 2)) && !isDigit(this.c(end + 3))) return this.isoDate(i, year, end);
      const han = this.c(end) === 0x5e74 /* 年 */ || this.c(end) === 0xb144 /* 년 */ ? end : isSpace(this.c(end)) && this.c(end + 1) === 0xb144 ? end + 1 : -1;
      if (han >= 0) return this.hanDate(i, year, han + 1);
    }
    const month = num.plain ? this.monthBefore(i) : undefined;
    if (month && year && !isDigit(this.c(end))) return this.addDate(`${year}-${pad(month.month)}`, month.start, end);
    if (month && num.value >= 1 && num.value <= 31) {
      const dayEnd = this.ordinalEnd(end);
      const stop = this.c(dayEnd);
      if (!isDigit(stop) && !isLatin(stop) && stop !== 58 && stop !== 37) {
        const y = this.yearAfter(dayEnd);
        if (y) return this.addDate(`${y.year}-${pad(month.month)}-${pad(num.value)}`, month.start, y.end);
        return this.addDate(`--${pad(month.month)}-${pad(num.value)}`, month.start, dayEnd);
      }
    }
    const before = this.currencyBefore(i);
    // Letters written onto the digits: a unit (7nm), a scale after a currency ($5.5bn), an ordinal (23rd), else a code (5G, 9000s).
    if (isLatin(this.c(end))) {
      const wordEnd = this.wordEnd(end);
      const attached = this.folded(end, wordEnd);
      if (attached === 'nm') return this.addNumber(num.value, 'nm', i, wordEnd);
      if (before.currency && ATTACHED_SCALES[attached] !== undefined) return this.addNumber(num.value * ATTACHED_SCALES[attached], before.currency, before.at, wordEnd);
      if (UNITLESS.has(attached)) return this.addNumber(num.value, 'count', i, wordEnd);
      if (!ORDINALS.has(attached) || !num.plain) return this.skipWord(end);
      end = wordEnd;
    }
    if (num.plain && num.value >= 1 && num.value <= 31) {
      const dated = this.dayBeforeMonth(i, num.value, end);
      if (dated > 0) return dated;
    }
    const next = this.c(end);
    if (num.plain && num.value >= 1 && num.value <= 12 && (next === 0x6708 /* 月 */ || next === 0xc6d4 /* 월 */)) return this.hanMonth(i, num.value, end + 1);
    return this.quantity(num.value, num.plain, year, i, end, before);
  }

  /** What follows a number (digits or a cardinal word): a unit, a day, a percentage, a scale and currency, else a count. */
  private quantity(value: number, plain: boolean, year: number, i: number, end: number, before: { currency: string; at: number }): number {
    const unit = UNITS.after(this, end, true);
    if (unit && !(year && unit.value === 'year')) return this.addNumber(value, unit.value, i, unit.end);
    const next = this.c(end);
    if (next === 0x65e5 /* 日 */ || (next === 0xc77c /* 일 */ && this.lang === 'ko')) {
      const notDay = NOT_DAYS.after(this, end + 1, this.lang === 'ko');
      if (notDay || value > 31 || !plain) return this.addNumber(value, 'day', i, notDay ? notDay.end : end + 1);
      return this.addDate(`---${pad(value)}`, i, end + 1);
    }
    const percent = PERCENTS.after(this, end, true);
    if (percent) return this.addNumber(value, '%', i, percent.end);
    let amount = value;
    let at = end;
    const cjk = this.cjkScale(at);
    if (cjk.scale > 1) {
      amount *= cjk.scale;
      at = cjk.end;
      // 1조 5천억, 1兆5000億: a smaller group added to a larger one.
      const more = this.cjkAddend(at, cjk.scale);
      if (more) {
        amount += more.value;
        at = more.end;
      }
    } else {
      const latin = this.latinScale(at);
      if (latin.scale > 1) {
        amount *= latin.scale;
        at = latin.end;
      }
    }
    const currency = this.currencyAfter(at);
    if (currency) return this.addNumber(amount, currency.code, before.currency ? before.at : i, currency.end);
    if (before.currency) return this.addNumber(amount, before.currency, before.at, at);
    if (at > end) return this.addNumber(amount, 'count', i, at);
    if (year) return this.addDate(String(year), i, end);
    return this.addNumber(value, 'count', i, end);
  }

  /** A currency symbol or code just before position i ("$1.5", "US$ 1,5", "€ 2"). */
  private currencyBefore(i: number): { currency: string; at: number } {
    let k = i;
    if (isSpace(this.c(k - 1))) k--;
    const last = this.c(k - 1);
    if (last === 0xa5 || last === 0xffe5) return { currency: this.lang === 'ja' ? 'JPY' : 'CNY', at: k - 1 };
    const candidates = PREFIXES_BY_LAST.get(last);
    if (candidates === undefined) return NO_CURRENCY;
    for (const [symbol, code] of candidates) {
      const from = k - symbol.length;
      if (from >= 0 && this.startsWith(from, symbol) && (symbol.length === 1 || !isLatin(this.c(from - 1)))) return { currency: code, at: from };
    }
    return NO_CURRENCY;
  }

  /** A currency word after an amount, past "de", "d'" and spaces ("1,5 bilhão de dólares", "15亿美元"). */
  private currencyAfter(at: number): { code: string; end: number } | undefined {
    let k = this.skipSpaces(at);
    if (this.startsWith(k, 'de ')) k = this.skipSpaces(k + 3);
    else if (this.c(k) === 100 && (this.c(k + 1) === 39 || this.c(k + 1) === 0x2019)) k += 2;
    const word = CURRENCIES.after(this, k, false);
    if (word) return { code: word.value, end: word.end };
    const c = this.c(k);
    return c === 0xa5 || c === 0xffe5 ? { code: this.lang === 'ja' ? 'JPY' : 'CNY', end: k + 1 } : undefined;
  }

  private latinScale(at: number): { scale: number; end: number } {
    let k = at;
    if (isSpace(this.c(k)) || this.c(k) === 45) k++;
    const end = this.wordEnd(k);
    const scale = end > k ? this.t.scales.get(this.hash(k, end)) : undefined;
    if (scale === undefined || !this.startsWith(k, scale.word) || end - k !== scale.word.length) return { scale: 1, end: at };
    const after = this.c(end) === 46 ? end + 1 : end;
    if (THOUSAND_WORDS.has(scale.word)) {
      const next = this.latinScale(after);
      if (next.scale === 1e6) return { scale: 1e9, end: next.end };
    }
    return { scale: scale.value, end: after };
  }

  private cjkScale(at: number): { scale: number; end: number } {
    let k = at;
    if (this.lang === 'ko' && isSpace(this.c(k))) k++;
    let scale = 1;
    for (let unit = CJK_SCALES[this.s[k]]; unit !== undefined && k < this.n; unit = CJK_SCALES[this.s[++k]]) scale *= unit;
    return scale > 1 ? { scale, end: k } : { scale: 1, end: at };
  }

  private cjkAddend(at: number, larger: number): { value: number; end: number } | undefined {
    const k = this.skipSpaces(at);
    if (!isDigit(this.c(k))) return undefined;
    const num = this.readDigits(k);
    const scale = this.cjkScale(num.end);
    if (scale.scale === 1 && larger < 1e4) return undefined;
    const value = num.value * scale.scale;
    return value < larger ? { value, end: scale.end } : undefined;
  }

  /**
   * At the digits of a word: a product code if the word is 1–4 letters, the first a capital, then
   * 2–5 digits and up to 3 letters (H20, MI325X, L40S), or 2–5 capitals, a colon, 3–5 digits and
   * up to 2 letters (NXT:1980i). Returns the end of the word either way.
   */
  private atCode(i: number): number {
    const end = this.skipWord(i);
    const colon = this.c(i - 1) === 58;
    const lettersEnd = colon ? i - 1 : i;
    const start = this.wordStart(lettersEnd);
    const prefix = lettersEnd - start;
    const before = this.c(start - 1);
    if (prefix < (colon ? 2 : 1) || prefix > (colon ? 5 : 4) || isDigit(before) || !isUpper(this.s.charCodeAt(start))) return end;
    if (colon && !allUpper(this.s, start, lettersEnd)) return end;
    let digitsEnd = i;
    while (isDigit(this.c(digitsEnd))) digitsEnd++;
    const digits = digitsEnd - i;
    if (digits < (colon ? 3 : 2) || digits > 5 || end - digitsEnd > (colon ? 2 : 3) || !isAsciiWord(this, digitsEnd, end)) return end;
    const code = this.s.slice(start, end);
    const written = code.charCodeAt(0) > 0xff00 ? code.normalize('NFKC') : code;
    if (!this.codes.includes(written)) this.codes.push(written);
    return end;
  }

  /** 三名, 十三家, 两名: a Han numeral is a count only before a counter word (三星 is Samsung). */
  private atHanNumeral(i: number): number {
    const s = this.s;
    if (i > 0 && (s[i - 1] === '第' || isHanNumeral(s.charCodeAt(i - 1)))) return i + 1;
    let k = i;
    while (k < this.n && k - i < 6 && isHanNumeral(s.charCodeAt(k))) k++;
    const counter = COUNTER_WORDS.after(this, k, false);
    if (!counter) return k;
    return this.addNumber(hanValue(s.slice(i, k)), 'count', i, counter.end);
  }
}

/** 十三 = 13, 二十二 = 22, 三百 = 300, 两 = 2. */
function hanValue(text: string): number {
  let total = 0;
  let digit = -1;
  for (const ch of text) {
    const tens = HAN_TENS[ch];
    if (tens !== undefined) {
      total += (digit < 0 ? 1 : digit) * tens;
      digit = -1;
    } else {
      digit = HAN_DIGITS[ch];
    }
  }
  return total + (digit < 0 ? 0 : digit);
}

const isUpper = (c: number) => (c >= 65 && c <= 90) || (c >= 0xff21 && c <= 0xff3a);

function allUpper(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isUpper(s.charCodeAt(i))) return false;
  return true;
}

/** Only ASCII letters (folded) in `[start, end)`: a code's suffix. */
function isAsciiWord(text: FoldedText, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.code(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** `at`, moved on to the end of the word it falls in. */
function wordEnd(s: string, at: number): number {
  let j = Math.min(at, s.length);
  while (j < s.length && !isSpace(s.charCodeAt(j))) j++;
  return j;
}

