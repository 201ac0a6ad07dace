import { CJK_RELATIVE_YEARS, DATE_LINKS } from './fact.words';
import { FactReader, NOT_DAYS, pad } from './fact.reader';
import { isDigit, isLatin, isSpace } from './fact.text';

/**
 * The dates the fact extractor reads next to numbers: "23 October", "October 23, 2024",
 * "15 de mayo de 2020", "2024年12月9日", "2024년 12월 9일", "去年10月", "15日", ISO 2025-10-09. Kept
 * as precise as written (ISO 8601, reduced: "--10-23", "---15"); never placed against a clock.
 */
export class DateReader extends FactReader {

  /** "23 October", "15 de mayo de 2020", "1er décembre", "15. Mai" at the day. Returns 0 if no month follows. */
  protected dayBeforeMonth(i: number, day: number, end: number): number {
    let k = this.skipSpaces(this.c(end) === 46 ? end + 1 : end);
    if (k === end) return 0;
    let wordEnd = this.wordEnd(k);
    if (DATE_LINKS.has(this.folded(k, wordEnd))) {
      k = this.skipSpaces(wordEnd);
      wordEnd = this.wordEnd(k);
    }
    const month = this.monthAt(k, wordEnd);
    if (!month) return 0;
    const y = this.yearAfter(this.c(wordEnd) === 46 ? wordEnd + 1 : wordEnd);
    if (y) return this.addDate(`${y.year}-${pad(month)}-${pad(day)}`, i, y.end);
    return this.addDate(`--${pad(month)}-${pad(day)}`, i, wordEnd);
  }

  /** A year after a month or a day ("October 2022", "outubro de 2022", "Dec. 1, 2024"). */
  protected yearAfter(at: number): { year: number; end: number } | undefined {
    let k = at;
    if (this.c(k) === 44) k++;
    if (isSpace(this.c(k))) k++;
    const linkEnd = this.wordEnd(k);
    if (linkEnd > k && DATE_LINKS.has(this.folded(k, linkEnd)) && isSpace(this.c(linkEnd))) k = linkEnd + 1;
    if (!isDigit(this.c(k)) || isDigit(this.c(k + 4)) || isLatin(this.c(k + 4))) return undefined;
    const year = this.fourDigits(k);
    return year >= 1900 && year <= 2100 ? { year, end: k + 4 } : undefined;
  }

  /** 2025-10-09, 2025/10 */
  protected isoDate(i: number, year: number, end: number): number {
    const month = (this.c(end + 1) - 48) * 10 + (this.c(end + 2) - 48);
    if (month < 1 || month > 12) return this.skipWord(end + 1);
    const sep = this.c(end + 3);
    if ((sep === 45 || sep === 47) && isDigit(this.c(end + 4)) && isDigit(this.c(end + 5)) && !isDigit(this.c(end + 6))) {
      const day = (this.c(end + 4) - 48) * 10 + (this.c(end + 5) - 48);
      return this.addDate(`${year}-${pad(month)}-${pad(day)}`, i, end + 6);
    }
    return this.addDate(`${year}-${pad(month)}`, i, end + 3);
  }

  /** 2024年12月9日, 2024년 12월 9일, or the year alone. */
  protected hanDate(i: number, year: number, at: number): number {
    const ko = this.c(at - 1) === 0xb144;
    const month = this.smallNumber(ko ? this.skipSpaces(at) : at, ko ? 0xc6d4 : 0x6708);
    if (!month || month.value < 1 || month.value > 12) return this.addDate(String(year), i, at);
    const day = this.smallNumber(ko ? this.skipSpaces(month.end) : month.end, ko ? 0xc77c : 0x65e5);
    if (day && day.value >= 1 && day.value <= 31) return this.addDate(`${year}-${pad(month.value)}-${pad(day.value)}`, i, day.end);
    return this.addDate(`${year}-${pad(month.value)}`, i, month.end);
  }

  /** 10月, 12月1日, 去年10月, 지난해 10월 15일. */
  protected hanMonth(i: number, month: number, at: number): number {
    let start = i;
    let yearOffset: number | undefined;
    const back = isSpace(this.c(i - 1)) ? i - 1 : i;
    for (const [word, offset] of CJK_RELATIVE_YEARS) {
      if (this.startsWith(back - word.length, word)) {
        start = back - word.length;
        yearOffset = offset;
        break;
      }
    }
    // Korean writes 10월 15일 with a space; in Han text a space separates unrelated figures.
    const ko = this.c(at - 1) === 0xc6d4;
    const day = this.smallNumber(ko ? this.skipSpaces(at) : at, ko ? 0xc77c : 0x65e5);
    if (day && day.value >= 1 && day.value <= 31 && !NOT_DAYS.after(this, day.end, ko)) {
      return this.addDate(`--${pad(month)}-${pad(day.value)}`, start, day.end, yearOffset);
    }
    return this.addDate(`--${pad(month)}`, start, at, yearOffset);
  }

  /** A month name just before a number: "October 23", "Oct. 17", "outubro de 2022". */
  protected monthBefore(i: number): { month: number; start: number } | undefined {
    let k = i;
    if (!isSpace(this.c(k - 1))) return undefined;
    k--;
    if (this.c(k - 1) === 46) k--;
    let start = this.wordStart(k);
    if (start < k && DATE_LINKS.has(this.folded(start, k)) && isSpace(this.c(start - 1))) {
      k = start - 1;
      start = this.wordStart(k);
    }
    const month = start < k ? this.monthAt(start, k) : 0;
    return month ? { month, start } : undefined;
  }
}
