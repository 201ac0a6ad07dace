import { COMMON_TOKENS, tokenHash } from './title-matching';
import { foldText } from './text-folding';

/**
 * What a story says happened, in a form that does not depend on its language: the classifier's
 * canonical entities, its action (subtopics), the numbers and dates the story mentions (dates
 * placed by the story's publication time), the Latin-script names its title and lede cite, and
 * for comparing stories in one language, the words of its title. join-decision.ts compares two.
 */

/** The classification facts a signature is built from (StoryClassified's, numbers and dates since classifier 1.1.0). */
export interface SignatureFacts {
  relevant: boolean;
  subtopics: readonly string[];
  entities: { companies: readonly string[]; products: readonly string[]; agencies: readonly string[]; jurisdictions: readonly string[] };
  numbers?: readonly { value: number; unit: string }[];
  dates?: readonly { date: string; yearOffset?: number }[];
}

/** What a signature reads of a story. */
export interface SignedStory {
  title: string;
  summary?: string;
  /** Primary language subtag; stories are compared word by word only within one language. */
  language?: string;
  /** ISO 8601 publication time: dates written without a year or month ("15日") are placed by it. */
  publishedAt?: string;
  /** ISO 8601 event time; stands in for `publishedAt` when that is absent. */
  at: string;
  classification?: SignatureFacts;
}

/** The part of a signature that is stored with a cluster member; the rest is derived from it. */
export interface SignatureCore {
  language: string;
  /** Publication time (ms): what the story could know of. */
  publishedMs: number;
  /**
   * Sorted, distinct fact keys: `company:nvidia`, `product:h20`, `agency:bis`, `place:malaysia`,
   * amounts `USD:1500000000`, `%:0.1`, `nm:7`, other quantities `n:36`, and dates `date:2020-05-15`
   * (`date:2022-10`, `date:2020` as precise as written).
   */
  facts: readonly string[];
  /** The action, strongest first. */
  subtopics: readonly string[];
  /** Sorted, distinct folded Latin-script names (Mellanox, TechInsights, VEU): compared in any language. */
  names: readonly string[];
  /**
   * Sorted, distinct hashes of the title's words (CJK: character bigrams), at most {@link MAX_WORDS}:
   * compared within a language. The title only: folding and counting every lede's words cost the
   * live evaluator more than the few same-language pairs they told apart were worth.
   */
  words: Uint32Array;
}

export interface EventSignature extends SignatureCore {
  /** How many of the facts are products, companies, amounts: what a pair can differ by. */
  products: number;
  companies: number;
  amounts: number;
  /** The day-precision dates among the facts, as UTC midnights (ms). */
  days: readonly number[];
  /** Set by the index as the story enters the window (join-decision.ts wordNorm); computed when absent. */
  wordNorm?: number;
}

/** Title words kept per story, at most. */
export const MAX_WORDS = 40;
/** How much of the summary names come from: the lede, where a story says what happened. */
const LEDE = 300;
const DAY = 86_400_000;

/** Canonical entity names are few: each is folded once. */
const foldedNames = new Map<string, string>();
function foldName(name: string): string {
  let folded = foldedNames.get(name);
  if (folded === undefined) foldedNames.set(name, (folded = foldText(name)));
  return folded;
}

/** The signature of a classified story; undefined for one without a classification (it joins by URL and title only). */
export function signatureOf(story: SignedStory, atMs?: number, titleKey?: string): EventSignature | undefined {
  const cl = story.classification;
  if (!cl) return undefined;
  const facts: string[] = [];
  const entityWords: string[] = [];
  const { companies, products, agencies, jurisdictions } = cl.entities;
  addEntities(facts, entityWords, 'company:', companies);
  addEntities(facts, entityWords, 'product:', products);
  addEntities(facts, entityWords, 'agency:', agencies);
  addEntities(facts, entityWords, 'place:', jurisdictions);
  if (cl.numbers) for (const n of cl.numbers) facts.push(numberKey(n.unit, n.value));
  const reference = story.publishedAt !== undefined ? Date.parse(story.publishedAt) : (atMs ?? Date.parse(story.at));
  if (cl.dates && !Number.isNaN(reference)) {
    for (const d of cl.dates) {
      const date = placeDate(d.date, d.yearOffset, reference);
      if (date) facts.push(`date:${date}`);
    }
  }
  const lede = story.summary ? story.summary.slice(0, LEDE) : '';
  return derive({
    language: (story.language ?? 'und').slice(0, 2).toLowerCase(),
    publishedMs: Number.isNaN(reference) ? 0 : reference,
    facts: sortedDistinct(facts),
    subtopics: cl.subtopics.slice(),
    names: namesOf(lede ? `${story.title}\n${lede}` : story.title, entityWords),
    words: Uint32Array.from(wordHashes(titleKey ?? foldText(story.title), MAX_WORDS, entityWords)).sort(),
  });
}

function addEntities(facts: string[], words: string[], prefix: string, names: readonly string[]): void {
  for (const name of names) {
    const folded = foldName(name);
    facts.push(prefix + folded);
    if (folded.includes(' ')) words.push(...folded.split(' '));
    else words.push(folded);
  }
}

function sortedDistinct(values: string[]): string[] {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) values[n++] = values[i];
  values.length = n;
  return values;
}

/** A signature from its stored core. */
export function derive(core: SignatureCore & { wordNorm?: number }): EventSignature {
  let products = 0;
  let companies = 0;
  let amounts = 0;
  let days: number[] | undefined;
  for (const fact of core.facts) {
    const c = fact.charCodeAt(0);
    if (c >= 65 && c <= 90) amounts++;
    else if (c === 112 && fact.startsWith('product:')) products++;
    else if (c === 99 && fact.startsWith('company:')) companies++;
    else if (c === 100 && fact.length === 15 && fact.startsWith('date:')) (days ??= []).push(Date.parse(fact.slice(5)));
  }
  // Built field by field: this runs for every story the evaluator sees.
  return {
    language: core.language,
    publishedMs: core.publishedMs,
    facts: core.facts,
    subtopics: core.subtopics,
    names: core.names,
    words: core.words,
    products,
    companies,
    amounts,
    days: days ?? NO_DAYS,
    wordNorm: core.wordNorm,
  };
}
const NO_DAYS: readonly number[] = [];

/** An amount keeps its currency; counts and durations meet by value ("36 firms", "36家", "a 120-day period", "120日間"). */
export function numberKey(unit: string, value: number): string {
  if (unit === '%' || unit === 'nm' || /^[A-Z]{3}$/.test(unit)) return `${unit}:${value}`;
  return `n:${value}`;
}

/**
 * A mentioned date placed in time: as written when it has a year; otherwise the nearest such
 * date to the publication time (a year back or ahead for "--10-23", a month for "---15"), or the
 * year `yearOffset` from publication when written so ("去年10月").
 */
export function placeDate(date: string, yearOffset: number | undefined, referenceMs: number): string | null {
  if (/^\d{4}(-\d{2}){0,2}$/.test(date)) return date;
  const ref = new Date(referenceMs);
  const year = ref.getUTCFullYear();
  let m = /^--(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (m) {
    const month = Number(m[1]);
    const day = m[2] ? Number(m[2]) : 15;
    const years = yearOffset !== undefined ? [year + yearOffset] : [year - 1, year, year + 1];
    const best = nearest(
      years.map((y) => Date.UTC(y, month - 1, day)),
      referenceMs,
    );
    const placed = new Date(best).toISOString();
    return m[2] ? placed.slice(0, 10) : placed.slice(0, 7);
  }
  m = /^---(\d{2})$/.exec(date);
  if (m) {
    const day = Number(m[1]);
    const month = ref.getUTCMonth();
    const candidates = [month - 1, month, month + 1].map((mo) => Date.UTC(year, mo, day)).filter((ms) => new Date(ms).getUTCDate() === day);
    if (candidates.length === 0) return null;
    const best = nearest(candidates, referenceMs);
    return Math.abs(best - referenceMs) <= 40 * DAY ? new Date(best).toISOString().slice(0, 10) : null;
  }
  return null;
}

function nearest(candidates: number[], to: number): number {
  return candidates.reduce((best, ms) => (Math.abs(ms - to) < Math.abs(best - to) ? ms : best));
}

/** Capitalised Latin words and acronyms, letters only, folded; not function words and not the entities' own words. */
const NAME = /(?<![A-Za-z\u00c0-\u024f0-9])[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f]+(?![A-Za-z\u00c0-\u024f0-9])/g;
const NOT_NAMES = new Set(
  (
    'the an in on at for with after as but by from it its this that these those he she they we his her their our if when while ' +
    'el la lo los las un una unos en por segun tras ante le les un une des du dans avec selon pour sur apres ' +
    'der die das den dem des ein eine im am mit von nach laut bei auch o os um uma no na nos nas em segundo apos pelo pela ' +
    'mr ms dr inc corp co ltd ' +
    // Words of organisations' names that name no one in particular.
    'semiconductor semiconductors technology technologies systems logistics electronics group holdings international ' +
    'corporation company industries industry bureau department ministry agency office security commission entity list ' +
    'government president minister secretary officials prosecutors court police both ' +
    // Capitals standing for governments, and wire services: every story names them.
    'washington beijing peking pekin pequim tokyo seoul reuters bloomberg xinhua yonhap nikkei afp ap cnbc'
  ).split(' '),
);

function namesOf(text: string, entityWords: readonly string[]): readonly string[] {
  let names: string[] | undefined;
  NAME.lastIndex = 0;
  for (let m = NAME.exec(text); m !== null; m = NAME.exec(text)) {
    const folded = foldText(m[0]);
    if (folded.length < 2 || NOT_NAMES.has(folded) || COMMON_TOKENS.has(folded) || entityWords.includes(folded)) continue;
    (names ??= []).push(folded);
  }
  return names ? sortedDistinct(names) : NO_NAMES;
}
const NO_NAMES: readonly string[] = [];

const COMMON_HASHES = new Set([...COMMON_TOKENS].map(tokenHash));
const isCjk = (c: number) =>
  (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff);

/**
 * Distinct hashes (tokenHash) of the words of folded text, at most `max`, in text order: a word
 * of a spaced script whole, a CJK or Hangul run as its character bigrams; single characters, the
 * topic's common words (COMMON_TOKENS) and `entityWords` left out. One pass, no substrings.
 */
export function wordHashes(folded: string, max: number, entityWords: readonly string[] = []): number[] {
  const out: number[] = [];
  // The entities' own words are facts already (product:h20): counted once.
  const seen = new Set<number>(entityWords.map(tokenHash));
  const emit = (h: number) => {
    const hash = h >>> 0;
    if (!COMMON_HASHES.has(hash) && !seen.has(hash)) {
      seen.add(hash);
      out.push(hash);
    }
  };
  for (let i = 0; i < folded.length && out.length < max; ) {
    if (folded.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    let end = i;
    while (end < folded.length && folded.charCodeAt(end) !== 32) end++;
    if (isCjk(folded.charCodeAt(i)) && end - i > 1) {
      for (let k = i; k + 1 < end && out.length < max; k++) {
        emit(Math.imul(Math.imul(0x811c9dc5 ^ folded.charCodeAt(k), 0x01000193) ^ folded.charCodeAt(k + 1), 0x01000193));
      }
    } else if (end - i > 1) {
      let h = 0x811c9dc5;
      for (let k = i; k < end; k++) h = Math.imul(h ^ folded.charCodeAt(k), 0x01000193);
      emit(h);
    }
    i = end;
  }
  return out;
}
