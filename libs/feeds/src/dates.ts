// Hand-written: feed dates come in RFC 822, RFC 3339 and a long tail of broken forms, and
// `Date.parse` reads zone-less strings in the process's local zone (so results would depend on
// TZ) and rejects most of the tail. Nothing here reads the clock.

const MONTHS: Record<string, number> = {};
function months(month: number, ...names: string[]): void {
  for (const name of names) MONTHS[name] = month;
}
// English, then the Portuguese, Spanish, French and German forms seen in feeds.
months(1, 'jan', 'january', 'janeiro', 'ene', 'enero', 'janv', 'janvier', 'januar', 'jän', 'jaen');
months(2, 'feb', 'february', 'fev', 'fevereiro', 'febrero', 'févr', 'fevr', 'février', 'fevrier', 'februar');
months(3, 'mar', 'march', 'março', 'marco', 'marzo', 'mars', 'mär', 'mrz', 'märz', 'maerz');
months(4, 'apr', 'april', 'abr', 'abril', 'avr', 'avril');
months(5, 'may', 'mai', 'maio', 'mayo');
months(6, 'jun', 'june', 'junho', 'junio', 'juin', 'juni');
months(7, 'jul', 'july', 'julho', 'julio', 'juil', 'juillet', 'juli');
months(8, 'aug', 'august', 'ago', 'agosto', 'août', 'aout');
months(9, 'sep', 'sept', 'september', 'set', 'setembro', 'septiembre', 'septembre');
months(10, 'oct', 'october', 'out', 'outubro', 'octubre', 'octobre', 'okt', 'oktober');
months(11, 'nov', 'november', 'novembro', 'noviembre', 'novembre');
months(12, 'dec', 'december', 'dez', 'dezembro', 'dic', 'diciembre', 'déc', 'décembre', 'decembre', 'dezember');

/** Zone abbreviations seen in feeds, in minutes east of UTC. Ambiguous ones take their common reading. */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ast: -240,
  adt: -180,
  nst: -210,
  ndt: -150,
  bst: 60,
  ist: 330,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  west: 60,
  eet: 120,
  eest: 180,
  msk: 180,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  awst: 480,
  acst: 570,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
  brt: -180,
  art: -180,
};

const ISO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:t|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number,
): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis) - offsetMinutes * 60_000;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return undefined; // 31 April and friends
  // Epoch zero and earlier come from broken generators, never from a story.
  return Number.isFinite(ms) && ms > 0 ? new Date(ms) : undefined;
}

function numericOffset(zone: string): number | undefined {
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

function parseIso(text: string): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const zone = (m[8] ?? 'z').toLowerCase();
  const offset = ZONES[zone] ?? numericOffset(zone);
  if (offset === undefined) return undefined;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  return build(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), millis, offset);
}

// Most feeds write RFC 822 exactly ("Mon, 02 Jun 2025 09:30:00 GMT"): one match reads it, where
// the token scan below costs several regular expressions per token. Only English weekdays are
// taken here (a weekday that is also a month or zone name, like Spanish "mar", is left to the
// token scan, which reads it its own way); anything unusual falls through to the token scan.
const RFC822 =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun),? )?(\d{1,2}) ([a-z]+)\.? (\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ([a-z]+|[+-]\d{2}:?\d{2})$/i;

function parseRfc822(text: string): Date | undefined {
  const m = RFC822.exec(text);
  if (!m) return undefined;
  const month = MONTHS[m[2].toLowerCase()];
  const zone = m[7].toLowerCase();
  const offset = ZONES[zone] ?? numericOffset(zone);
  if (month === undefined || offset === undefined) return undefined;
  return build(+m[3], month, +m[1], +m[4], +m[5], +(m[6] ?? 0), 0, offset);
}

/**
 * RFC 822/1123/850, asctime and their relatives, by tokens: a month name, numbers for day and
 * year, an `hh:mm[:ss]` time and a zone, in whatever order; weekday names are ignored.
 */
function parseTokens(text: string): Date | undefined {
  const tokens = text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ') // "+0000 (UTC)"
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/\b(\d{1,2})-([a-zà-ÿ]{3,})\.?-(\d{2,4})\b/g, '$1 $2 $3') // RFC 850: 02-Jan-06
    .split(/[\s,]+/)
    .filter(Boolean);
  let month: number | undefined;
  let time: [number, number, number] | undefined;
  let offset: number | undefined;
  const numbers: string[] = [];
  for (const token of tokens) {
    const word = token.replace(/\.$/, '');
    if (MONTHS[word] !== undefined && month === undefined) {
      month = MONTHS[word];
    } else if (/^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(word) && !time) {
      const [h, m, s] = word.split(':');
      time = [Number(h), Number(m), Math.floor(Number(s ?? 0))];
    } else if (/^\d{1,2}:\d{2}(:\d{2})?[+-]\d{2}:?\d{2}$/.test(word) && !time) {
      const sign = word.search(/[+-]/);
      const [h, m, s] = word.slice(0, sign).split(':');
      time = [Number(h), Number(m), Number(s ?? 0)];
      offset = numericOffset(word.slice(sign));
    } else if (/^[+-]\d{2}:?\d{2}$/.test(word) && offset === undefined) {
      offset = numericOffset(word);
    } else if (ZONES[word] !== undefined && offset === undefined) {
      offset = ZONES[word];
    } else if (/^(am|pm)$/.test(word) && time) {
      if (word === 'pm' && time[0] < 12) time[0] += 12;
      if (word === 'am' && time[0] === 12) time[0] = 0;
    } else if (/^\d{1,4}$/.test(word)) {
      numbers.push(word);
    } else if (/^\d/.test(word)) {
      return undefined; // an unknown numeric shape: do not guess
    }
    // Anything else alphabetic is a weekday or noise.
  }
  if (month === undefined || numbers.length < 2) return undefined;
  const yearIndex = numbers.findIndex((n) => n.length === 4);
  let year: number;
  let day: number;
  if (yearIndex >= 0) {
    year = Number(numbers[yearIndex]);
    day = Number(numbers[yearIndex === 0 ? 1 : 0]);
  } else {
    day = Number(numbers[0]);
    const short = Number(numbers[1]);
    year = short < 50 ? 2000 + short : 1900 + short;
  }
  const [hour, minute, second] = time ?? [0, 0, 0];
  return build(year, month, day, hour, minute, second, 0, offset ?? 0);
}

/**
 * Reads a feed date: RFC 3339/ISO 8601 (zone-less means UTC), RFC 822 and its variants (named
 * zones, two-digit years, missing weekday or seconds, comments), RFC 850, asctime, English and
 * common Portuguese/Spanish/French/German month names, and Unix seconds. Undefined when unsure.
 */
export function parseFeedDate(raw: string | undefined | null): Date | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return undefined;
  if (/^\d{9,10}$/.test(text)) return new Date(Number(text) * 1000);
  return parseIso(text) ?? parseRfc822(text) ?? parseTokens(text);
}

/** How far ahead of `now` a date may be before it is taken for a generator's clock or zone bug. */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

/**
 * The published time to record, as ISO 8601 UTC: the feed's date when it reads, else `now`
 * (first seen). A date more than a day ahead of `now` is a broken clock or zone and becomes `now`
 * too, so it cannot pin a story to the top of every list.
 */
export function resolvePublishedAt(raw: string | undefined, now: Date): string {
  const date = parseFeedDate(raw);
  if (!date || date.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) return now.toISOString();
  return date.toISOString();
}
