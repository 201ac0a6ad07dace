import { foldText } from './text-folding';

/**
 * Near-identical headlines, the join rule clustering had before event signatures and still
 * applies: two normalised titles whose word sets (character bigrams for CJK and Hangul) have a
 * Jaccard similarity of at least 0.85 are the same story syndicated. Tokens are kept in one fixed
 * global order so the index can use prefix filtering (story-clustering.ts): two sets with Jaccard
 * ≥ t must share a token among the first `n − ⌈t·n⌉ + 1` of each. The order puts words every
 * headline on this topic shares ("china", "export", 出口) last and the rest in hash order, so the
 * few indexed tokens are rarely common ones and posting lists stay short.
 */

const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Tokens so frequent in headlines on this topic (stopwords of the feeds' languages, the topic's
 * own vocabulary, single letters from "U.S.") that they go last in the global order and are
 * almost never indexed. Changing this list changes only speed, never which titles match.
 */
export const COMMON_TOKENS = new Set(
  (
    'a an the of to in on for and or with by from at as is are was be been its it this that than after over amid ' +
    'says said say will could would may can new more about into up out not no vs how why what ' +
    'us usa u s uk eu china chinese beijing washington chip chips chipmaker chipmakers semiconductor semiconductors ' +
    'export exports exporting controls control curbs curb ban bans rule rules restrictions restriction ai nvidia ' +
    'report reports sales trade tech ' +
    'de da do das dos e o os as em para com que um uma no na la el los las en y del al le les des du et pour sur ' +
    'der die das und mit von fur auf im zu den ist ein eine ' +
    '出口 管制 芯片 美国 中国 限制 英伟 伟达 人工 工智 智能 半导 导体 华为 禁令'
  ).split(' '),
);

/** A title as compared: NFKC, lower case, no diacritics or punctuation, single spaces. */
export function normaliseTitle(title: string): string {
  return foldText(title);
}

/** FNV-1a: a fixed pseudo-random order over tokens. */
export function tokenHash(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A token's place in the global order: common tokens after all others, then by hash (ties by text). */
function tokenRank(token: string): number {
  return (COMMON_TOKENS.has(token) || token.length === 1 ? 0x100000000 : 0) + tokenHash(token);
}

function compareTokens(ra: number, a: string, rb: number, b: string): number {
  return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
}

/** Words of a normalised text; a CJK or Hangul run as its character bigrams. */
export function wordsOf(key: string, each: (token: string) => void): void {
  if (key === '') return;
  for (const word of key.split(' ')) {
    if (word.length > 1 && CJK.test(word)) {
      for (let i = 0; i + 1 < word.length; i++) each(word.slice(i, i + 2));
    } else if (word !== '') {
      each(word);
    }
  }
}

/** Distinct tokens of a normalised title in the global order, with their ranks. */
export function tokenise(key: string): { tokens: string[]; ranks: Float64Array } {
  const distinct = new Set<string>();
  wordsOf(key, (token) => distinct.add(token));
  const unsorted = [...distinct];
  const unsortedRanks = unsorted.map(tokenRank);
  const order = unsorted.map((_, i) => i).sort((i, j) => compareTokens(unsortedRanks[i], unsorted[i], unsortedRanks[j], unsorted[j]));
  const tokens = order.map((i) => unsorted[i]);
  const ranks = new Float64Array(order.length);
  order.forEach((i, k) => (ranks[k] = unsortedRanks[i]));
  return { tokens, ranks };
}

/** Distinct tokens of a normalised title in the global order used for prefix filtering. */
export function titleTokens(key: string): string[] {
  return tokenise(key).tokens;
}

/** Jaccard similarity of two titles' token sets, for tests and explanations. */
export function titleSimilarity(a: string, b: string): number {
  const x = tokenise(normaliseTitle(a));
  const y = tokenise(normaliseTitle(b));
  if (x.tokens.length === 0 && y.tokens.length === 0) return 1;
  return jaccard(x.tokens, x.ranks, y.tokens, y.ranks);
}

/** |A∩B| / |A∪B| by merging two token lists sorted in the global order: no hashing, no allocation. */
export function jaccard(a: readonly string[], ra: Float64Array, b: readonly string[], rb: Float64Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const c = compareTokens(ra[i], a[i], rb[j], b[j]);
    if (c === 0) {
      shared++;
      i++;
      j++;
    } else if (c < 0) {
      i++;
    } else {
      j++;
    }
  }
  return shared / (a.length + b.length - shared);
}

/** Tokens to index and probe so that no pair with Jaccard ≥ t is missed. */
export function prefixLength(n: number, t: number): number {
  return n === 0 ? 0 : n - Math.ceil(t * n - 1e-9) + 1;
}
