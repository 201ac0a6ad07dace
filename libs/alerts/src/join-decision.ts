import type { EventSignature } from './event-signature';

/**
 * Whether two stories report the same real-world event, from their signatures alone: pure, no
 * clock, the one decision the live evaluator, the backtest and `chipwatch cluster` share (through
 * ClusterIndex). Evidence is added up in points:
 *
 * - each fact both stories state adds its weight (an amount weighs most, a product, company,
 *   place or uncommon number about 1, an agency (the strongest of those shared) or a day a little
 *   less, the parties every story on this topic names, the US and China, almost nothing), scaled
 *   down when many stories in the window state it too;
 * - what sets them apart subtracts: products, companies or amounts on both sides with none in
 *   common, or an amount on one side only (the amount is the news: a $5.5 billion charge is not
 *   the rule behind it) — these are conflicting facts; actions with none in common; hours apart,
 *   beyond six;
 * - unless facts conflict, each specific fact shared beyond the first adds 0.3 (they
 *   corroborate), within one language the overlap of title words, weighted by rarity, adds up to
 *   3, and each Latin-script name both cite (Mellanox, TechInsights) 0.5, at most 2 (alike words
 *   over different facts are a headline template, not one event);
 * - mostly the same action (subtopics) adds 0.5.
 *
 * They join at {@link JOIN_THRESHOLD} points if they share at least one specific fact (neither
 * common in the window nor a default party), a name, or much of their wording: two stories that
 * only both mention Nvidia and China are not one event, however close in time. And never when one
 * reports as past a day that came after the other was published: that is a later development
 * ("the curbs took effect on October 23", after the October 17 rule).
 */

/** What the window knows about how common a fact, name or word is. */
export interface Rarity {
  /** Members in the window. */
  population: number;
  /** Members in the window that state this fact. */
  factFrequency(fact: string): number;
  nameFrequency(name: string): number;
  wordFrequency(word: number): number;
}

export interface JoinDecision {
  join: boolean;
  score: number;
  /** Why, one line per piece of evidence, when asked for. */
  reasons?: string[];
}

/** @defaultValue 2 points */
export const JOIN_THRESHOLD = 2;
/** A fact at least this rare (rarityWeight) is specific enough to join on; the index probes only these. */
export const SPECIFIC_RARITY = 0.75;
/** The parties nearly every story on export controls names: they say little about which event. */
const DEFAULT_PARTIES = new Set(['place:united states', 'place:china']);
/** Stories in a window before a fact shared by a few of them counts for less. */
const PSEUDO_POPULATION = 200;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A fact's weight before rarity. */
export function factWeight(key: string): number {
  if (DEFAULT_PARTIES.has(key)) return 0.1;
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  switch (kind) {
    case 'product':
    case 'company':
    case 'place':
      return 1;
    case 'agency':
      return 0.8;
    case 'date':
      return key.length === 15 ? 1.2 : key.length === 12 ? 0.5 : 0.2;
    case '%':
    case 'nm':
    case 'n':
      return quantityWeight(kind, Number(key.slice(colon + 1)));
    default:
      // An amount with its currency: "$1.5 billion" shared is rarely a coincidence.
      return 2;
  }
}

/** Round and small numbers are common; 36, 120 or 0.1 % say more. */
function quantityWeight(kind: string, value: number): number {
  if (kind === '%') return Number.isInteger(value) && value % 5 === 0 ? 0.6 : 1.5;
  if (kind === 'nm') return 1;
  if (value <= 10) return 0.4;
  if ((value <= 100 && value % 10 === 0) || value % 100 === 0) return 0.7;
  return 1.5;
}

/**
 * 1 for what at most a twentieth of the window shares, falling to 0.2 for what most of it does.
 * The window counts `pseudo` more stories than it holds, so that in a small window the facts a
 * few versions of one event share still look rare: 200 for facts and names; 20 for words, which
 * a headline template or a topic's vocabulary repeats across events however small the window.
 * The story being decided counts as one of those that share it.
 */
export function rarityWeight(frequency: number, population: number, pseudo = PSEUDO_POPULATION): number {
  const idf = (ln(population + pseudo) - ln(frequency + 1)) / LN_20;
  return idf >= 1 ? 1 : idf <= 0.2 ? 0.2 : idf;
}

/** Pseudo-population for words (see rarityWeight). */
const WORD_PSEUDO_POPULATION = 20;

const LN_20 = Math.log(20);
/** ln of small integers, grown on demand: rarity is computed for every shared word of every candidate. */
let LOGS = Float64Array.from({ length: 4096 }, (_, k) => Math.log(k));
function ln(k: number): number {
  if (k >= LOGS.length) {
    if (k > 1 << 24) return Math.log(k);
    LOGS = Float64Array.from({ length: Math.max(k + 1, LOGS.length * 2) }, (_, i) => Math.log(i));
  }
  return LOGS[k];
}

/** The sum of the squared rarity weights of a story's words: the norm its word similarity divides by. */
export function wordNorm(words: Uint32Array, rarity: Rarity): number {
  let norm = 0;
  for (let i = 0; i < words.length; i++) norm += rarityWeight(rarity.wordFrequency(words[i]), rarity.population, WORD_PSEUDO_POPULATION) ** 2;
  return norm;
}

/**
 * @param gapMs how far apart the two stories are in time (the window is the caller's: a pair
 *   outside it is never asked about)
 */
export function decideJoin(a: EventSignature, b: EventSignature, gapMs: number, rarity: Rarity, explain = false): JoinDecision {
  const reasons: string[] | undefined = explain ? [] : undefined;
  const population = rarity.population;
  let score = 0;
  let specificFacts = 0;
  let sharedProducts = 0;
  let sharedCompanies = 0;
  let sharedAmounts = 0;
  let sharedAgency = 0;
  let agencies = 0;
  // Both fact lists are sorted: one merge finds what they share.
  const fa = a.facts;
  const fb = b.facts;
  for (let i = 0, j = 0; i < fa.length && j < fb.length; ) {
    if (fa[i] < fb[j]) i++;
    else if (fb[j] < fa[i]) j++;
    else {
      const key = fa[i];
      const c = key.charCodeAt(0);
      if (c >= 65 && c <= 90) sharedAmounts++;
      else if (c === 112 && key.startsWith('product:')) sharedProducts++;
      else if (c === 99 && key.startsWith('company:')) sharedCompanies++;
      const base = factWeight(key);
      const rare = rarityWeight(rarity.factFrequency(key), population);
      // Agencies come nested ("the Commerce Department's Bureau of Industry and Security"): the
      // strongest one counts.
      const agency = c === 97 && key.startsWith('agency:');
      const points = agency ? Math.max(0, base * rare - sharedAgency) : base * rare;
      if (agency) sharedAgency = Math.max(sharedAgency, base * rare);
      score += points;
      if (base >= 0.5 && rare >= SPECIFIC_RARITY && !(agency && agencies++ > 0)) specificFacts++;
      reasons?.push(`shared ${key} +${round(points)}`);
      i++;
      j++;
    }
  }
  let specific = specificFacts > 0;
  let conflict = false;
  if (a.products > 0 && b.products > 0 && sharedProducts === 0) {
    score = add(score, -1.5, 'no product in common', reasons);
    conflict = true;
  }
  if (a.companies > 0 && b.companies > 0 && sharedCompanies === 0) {
    score = add(score, -1, 'no company in common', reasons);
    conflict = true;
  }
  if (a.amounts > 0 && b.amounts > 0 && sharedAmounts === 0) {
    score = add(score, -2, 'no amount in common', reasons);
    conflict = true;
  }
  // An amount is the news when a story states one ($5.5 billion charge): a story without it reports something else.
  else if (a.amounts > 0 !== b.amounts > 0) {
    score = add(score, -1.5, 'an amount on one side only', reasons);
    conflict = true;
  }
  let sharedActions = 0;
  for (const s of a.subtopics) if (b.subtopics.includes(s)) sharedActions++;
  if (a.subtopics.length > 0 && b.subtopics.length > 0 && sharedActions === 0) score = add(score, -1.5, 'no action in common', reasons);
  else if (sharedActions >= 2 && sharedActions / (a.subtopics.length + b.subtopics.length - sharedActions) >= 0.6) {
    score = add(score, 0.5, 'mostly the same action', reasons);
  }
  // Independent facts corroborate each other: two products, companies or numbers that both name
  // are much less likely a coincidence than either alone. Unless other facts differ.
  if (specificFacts > 1 && !conflict) score = add(score, 0.3 * (specificFacts - 1), `${specificFacts} specific facts corroborate`, reasons);
  // Wording alike over facts that differ is a headline template, not one event.
  if (a.language === b.language && a.language !== 'und' && !conflict) {
    const similarity = wordSimilarity(a, b, rarity);
    if (similarity >= 0.5) specific = true;
    if (similarity > 0) score = add(score, 3 * similarity, `same-language wording ${round(similarity)}`, reasons);
  }
  const names = conflict ? 0 : sharedNames(a.names, b.names, rarity);
  if (names > 0) {
    specific = true;
    score = add(score, names, 'shared names', reasons);
  }
  // A story that reports as past a day after the other was published tells of a later development: never the same event.
  const later = laterDevelopment(a, b) ?? laterDevelopment(b, a);
  if (later !== undefined) reasons?.push(`${new Date(later).toISOString().slice(0, 10)} happened after the other story was published`);
  const hours = gapMs / HOUR;
  if (hours > 6) score = add(score, -((hours - 6) / 24) * 0.5, `${Math.round(hours)} h apart`, reasons);

  const join = specific && later === undefined && score >= JOIN_THRESHOLD - 1e-9;
  const why = later !== undefined ? ', a later development' : specific ? '' : ', nothing specific in common';
  reasons?.push(`${round(score)} points${why}: ${join ? 'same event' : 'different events'}`);
  return reasons ? { join, score, reasons } : { join, score };
}

function add(score: number, points: number, why: string, reasons: string[] | undefined): number {
  reasons?.push(`${why} ${points >= 0 ? '+' : ''}${round(points)}`);
  return score + points;
}

/**
 * A day `b` reports as past (on or before its publication) that came more than a day after `a`
 * was published, and that `a` does not mention: `b` tells of something `a` could not know, a
 * later development ("the curbs took effect on October 23" after the October 17 rule).
 */
function laterDevelopment(a: EventSignature, b: EventSignature): number | undefined {
  for (const day of b.days) if (day > a.publishedMs + DAY && day <= b.publishedMs && !a.days.includes(day)) return day;
  return undefined;
}

/**
 * Cosine of the two word sets, each word weighted by its rarity in the window. A story's norm is
 * taken as it was when the story entered the window (EventSignature.wordNorm), so comparing a
 * story with a candidate looks up only the words they share.
 */
export function wordSimilarity(a: EventSignature, b: EventSignature, rarity: Rarity): number {
  const x = a.words;
  const y = b.words;
  if (x.length === 0 || y.length === 0) return 0;
  const population = rarity.population;
  let shared = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] < y[j]) i++;
    else if (y[j] < x[i]) j++;
    else {
      shared += rarityWeight(rarity.wordFrequency(x[i]), population, WORD_PSEUDO_POPULATION) ** 2;
      i++;
      j++;
    }
  }
  if (shared === 0) return 0;
  const norms = (a.wordNorm ?? wordNorm(x, rarity)) * (b.wordNorm ?? wordNorm(y, rarity));
  return Math.min(1, shared / Math.sqrt(norms));
}

/** 0.5 points per name both cite, by rarity, at most 2. */
function sharedNames(a: readonly string[], b: readonly string[], rarity: Rarity): number {
  let points = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] < b[j]) i++;
    else if (b[j] < a[i]) j++;
    else {
      points += 0.5 * rarityWeight(rarity.nameFrequency(a[i]), rarity.population);
      i++;
      j++;
    }
  }
  return Math.min(2, points);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
