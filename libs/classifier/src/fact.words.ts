/**
 * The words the fact extractor (fact.extractor.ts) reads numbers and dates by, per language.
 * These are facts about the languages, not tuning: they live here rather than in
 * config/classifier.yaml. Latin-script words are written folded as the extractor sees them
 * (lower case, accents stripped: "bilhão" is "bilhao", "März" is "marz").
 */

/** Languages that write 1.234,5 (and, in French, 1 234,5) rather than 1,234.5. */
export const COMMA_DECIMAL = new Set(['pt', 'es', 'fr', 'de', 'it', 'nl']);

/**
 * Scale words after a number, in every language at once: a story's language is sometimes
 * detected wrongly, and "millones" means a million whatever the detector says. Only "billion"
 * depends on the language: 10⁹ in English, 10¹² in French and German (where 10⁹ is
 * "milliard"/"Milliarde"); Spanish "billón" is 10¹² (10⁹ is "mil millones").
 */
const SCALES_ANY: Record<string, number> = {
  thousand: 1e3, thousands: 1e3, mil: 1e3, mille: 1e3, tausend: 1e3,
  million: 1e6, millions: 1e6, mn: 1e6, mio: 1e6, millionen: 1e6, millon: 1e6, millones: 1e6, milhao: 1e6, milhoes: 1e6,
  bn: 1e9, milliard: 1e9, milliards: 1e9, md: 1e9, mds: 1e9, milliarde: 1e9, milliarden: 1e9, mrd: 1e9, bilhao: 1e9, bilhoes: 1e9,
  trillion: 1e12, trillions: 1e12, tn: 1e12, trilhao: 1e12, trilhoes: 1e12, billon: 1e12, billones: 1e12, billionen: 1e12,
  billion: 1e9, billions: 1e9,
};
export const SCALES: Record<string, Record<string, number>> = {
  en: SCALES_ANY,
  fr: { ...SCALES_ANY, billion: 1e12, billions: 1e12 },
  de: { ...SCALES_ANY, billion: 1e12 },
};
/** "mil millones" (es), "mil milhões" (pt-PT): a thousand millions. */
export const THOUSAND_WORDS = new Set(['mil']);

/** Scale letters written onto an amount: $5.5bn, $800m, €2b. Only after a currency. */
export const ATTACHED_SCALES: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9, tn: 1e12 };

/** Han and Hangul units; consecutive ones multiply (千万 = 10⁷, 천억 = 10¹¹, 万亿 = 10¹²). */
export const CJK_SCALES: Record<string, number> = {
  百: 1e2, 千: 1e3, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8, 兆: 1e12, 천: 1e3, 만: 1e4, 억: 1e8, 조: 1e12,
};

/** Han numerals, for counts written out (三名, 十三家); values only, place rules in the extractor. */
export const HAN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
export const HAN_TENS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Counter words that make a Han numeral a count (三名男子, 七家实体, 3カ国). */
export const COUNTERS = ['カ国', 'か国', 'ヵ国', 'ヶ国', '家', '名', '个', '個', '项', '項', '款', '颗', '顆', '枚', '台', '国', '國', '人', '位', '座', '件', '种', '種', '社', '处', '處', '所', '개국', '개', '명', '곳', '건'];

/** Currency symbols and codes written before an amount. `¥` is read per language (CNY, or JPY in Japanese). */
export const CURRENCY_PREFIXES: [string, string][] = [
  ['us$', 'USD'], ['hk$', 'HKD'], ['nt$', 'TWD'], ['s$', 'SGD'], ['r$', 'BRL'], ['a$', 'AUD'], ['c$', 'CAD'],
  ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['₩', 'KRW'], ['usd', 'USD'], ['eur', 'EUR'], ['rmb', 'CNY'], ['cny', 'CNY'],
  ['jpy', 'JPY'], ['krw', 'KRW'], ['gbp', 'GBP'],
];

/** Currency words written after an amount, longest first so 美元 is not read as 元. */
export const CURRENCY_SUFFIXES: [string, string][] = (
  [
    ['us dollars', 'USD'], ['us-dollar', 'USD'], ['us dollar', 'USD'], ['dollars', 'USD'], ['dollar', 'USD'], ['dolares', 'USD'],
    ['dolar', 'USD'], ['usd', 'USD'], ['美元', 'USD'], ['美金', 'USD'], ['ドル', 'USD'], ['달러', 'USD'],
    ['euros', 'EUR'], ['euro', 'EUR'], ['eur', 'EUR'], ['欧元', 'EUR'], ['ユーロ', 'EUR'], ['유로', 'EUR'],
    ['yuan', 'CNY'], ['renminbi', 'CNY'], ['人民币', 'CNY'], ['元人民币', 'CNY'], ['元', 'CNY'], ['위안', 'CNY'], ['人民元', 'CNY'],
    ['yen', 'JPY'], ['日元', 'JPY'], ['円', 'JPY'], ['엔', 'JPY'],
    ['won', 'KRW'], ['韩元', 'KRW'], ['ウォン', 'KRW'], ['원', 'KRW'],
    ['新台币', 'TWD'], ['台币', 'TWD'], ['港元', 'HKD'], ['reais', 'BRL'], ['real', 'BRL'], ['pounds', 'GBP'], ['英镑', 'GBP'],
  ] as [string, string][]
).sort((a, b) => b[0].length - a[0].length);

export const PERCENT_WORDS = ['%', '％', 'percent', 'per cent', 'pct', 'por cento', 'por ciento', 'pour cent', 'prozent', 'パーセント', '퍼센트'];

/** Units other than currencies and %, longest first: process nodes and durations. */
export const UNIT_WORDS: [string, string][] = (
  [
    ['nm', 'nm'], ['nanometre', 'nm'], ['nanometres', 'nm'], ['nanometer', 'nm'], ['nanometers', 'nm'], ['nanometro', 'nm'],
    ['nanometros', 'nm'], ['纳米', 'nm'], ['奈米', 'nm'], ['ナノ', 'nm'], ['나노', 'nm'],
    ['days', 'day'], ['day', 'day'], ['dias', 'day'], ['dia', 'day'], ['jours', 'day'], ['jour', 'day'], ['tagen', 'day'],
    ['tage', 'day'], ['tag', 'day'], ['天', 'day'], ['日間', 'day'], ['日间', 'day'], ['일간', 'day'], ['일 동안', 'day'],
    ['months', 'month'], ['month', 'month'], ['meses', 'month'], ['mes', 'month'], ['mois', 'month'], ['monaten', 'month'],
    ['monate', 'month'], ['monat', 'month'], ['个月', 'month'], ['個月', 'month'], ['カ月', 'month'], ['か月', 'month'],
    ['ヶ月', 'month'], ['ヵ月', 'month'], ['개월', 'month'],
    ['years', 'year'], ['year', 'year'], ['anos', 'year'], ['ano', 'year'], ['anos', 'year'], ['ans', 'year'], ['annees', 'year'],
    ['jahren', 'year'], ['jahre', 'year'], ['jahr', 'year'], ['年間', 'year'], ['年间', 'year'], ['年', 'year'], ['년간', 'year'], ['년', 'year'],
  ] as [string, string][]
).sort((a, b) => b[0].length - a[0].length);

/** Cardinal words 2–12 (1 is mostly an article). French "neuf" is also "new": left out. */
export const CARDINALS: Record<string, Record<string, number>> = {
  en: { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 },
  pt: { dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10, onze: 11, doze: 12 },
  es: { dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12 },
  fr: { deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, dix: 10, onze: 11, douze: 12 },
  de: { zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, elf: 11, zwolf: 12 },
};

/** Month names and abbreviations; read only next to a number, since some are words too (English "may"). */
export const MONTHS: Record<string, Record<string, number>> = {
  en: {
    january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
    august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
  },
  pt: { janeiro: 1, fevereiro: 2, marco: 3, abril: 4, maio: 5, junho: 6, julho: 7, agosto: 8, setembro: 9, outubro: 10, novembro: 11, dezembro: 12 },
  es: {
    enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10,
    noviembre: 11, diciembre: 12,
  },
  fr: { janvier: 1, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, septembre: 9, octobre: 10, novembre: 11, decembre: 12 },
  de: {
    januar: 1, janner: 1, februar: 2, marz: 3, april: 4, mai: 5, juni: 6, juli: 7, august: 8, september: 9, oktober: 10,
    november: 11, dezember: 12,
  },
};
/** Words between a day and its month, or a month and its year: "15 de mayo de 2020", "1er décembre". */
export const DATE_LINKS = new Set(['de', 'of', 'del', 'do', 'da']);

/** "Last year" and its like before a Han or Hangul month (去年10月, 지난해 10월): years from publication. */
export const CJK_RELATIVE_YEARS: [string, number][] = [
  ['去年', -1], ['昨年', -1], ['前年', -2], ['今年', 0], ['本年', 0], ['明年', 1], ['来年', 1],
  ['지난해', -1], ['작년', -1], ['올해', 0], ['내년', 1],
];
/** After a Han or Hangul day number, marks a duration rather than a date (30日後, 120日間, 30일 후). */
export const NOT_A_DAY = ['間', '间', '后', '後', '以内', '以上', '前', '연속', '간', '동안', '후', '만에', '이내', '째'];

