import { foldText } from './text-folding';

/**
 * Groups the same news from several outlets into one cluster, so a rule alerts once per story
 * rather than once per feed. A story joins a cluster when, within the window of one of its
 * members, it has the same canonical URL, or a normalised title whose word set (character
 * bigrams for CJK and Hangul) is the same or nearly the same. The cluster id is its first
 * member's story id, so assignments are a pure function of the input order: replaying the log
 * rebuilds the same clusters.
 *
 * Near-duplicate search uses prefix filtering: with tokens in one fixed global order, two sets
 * with Jaccard ≥ t must share a token among the first `n − ⌈t·n⌉ + 1` of each, so only those are
 * indexed and probed. That finds every qualifying pair without comparing a title to all others.
 * The order puts words every headline on this topic shares ("china", "export", 出口) last and
 * the rest in hash order, so the few indexed tokens are rarely common ones and posting lists
 * stay short. An identical title is the case similarity 1, so it needs no index of its own.
 */

const HOUR = 3_600_000;
/** @defaultValue 48 h */
export const DEFAULT_CLUSTER_WINDOW_MS = 48 * HOUR;
/** @defaultValue 0.85 */
export const DEFAULT_MIN_SIMILARITY = 0.85;

export interface ClusterableStory {
  storyId: string;
  /** Canonical URL, if the story has one. */
  url: string | null;
  title: string;
  /** ISO 8601 event time at which the story was first evaluated; never a clock read. */
  at: string;
}

export interface ClusterIndexOptions {
  /**
   * How far apart in time a story and a cluster member may be and still match.
   * @defaultValue 48 h
   */
  windowMs?: number;
  /**
   * Lowest Jaccard similarity of title token sets that counts as the same headline.
   * @defaultValue 0.85
   */
  minSimilarity?: number;
}

/** A story time that is not ISO 8601: its place in the window cannot be known. */
export class ClusteringError extends Error {
  readonly code = 'invalid-time';
  constructor(
    readonly storyId: string,
    readonly at: string,
  ) {
    super(`story ${storyId}: invalid time "${at}" (expected ISO 8601)`);
    this.name = 'ClusteringError';
  }
}

interface Entry {
  seq: number;
  storyId: string;
  clusterId: string;
  atMs: number;
  url: string | null;
  /** Normalised title; '' when it has no letters or digits (then titles never match). */
  key: string;
  /** Distinct tokens in global order, and their ranks (see {@link tokenRank}). */
  tokens: string[];
  ranks: Float64Array;
  /** Last probe that visited this entry: dedupes candidates without allocating a set per probe. */
  probe: number;
}

/** What is kept of one assigned story to rebuild the index later (see {@link ClusterIndex.fromMembers}). */
export interface ClusterMember {
  storyId: string;
  clusterId: string;
  url: string | null;
  /** Normalised title. */
  key: string;
  atMs: number;
}

/** JSON form of a ClusterIndex (see {@link ClusterIndex.toJSON}). */
export interface ClusterIndexSnapshot {
  version: 1;
  windowMs: number;
  minSimilarity: number;
  latestMs: number | null;
  /** Every story ever assigned, as [storyId, clusterId]. */
  members: [string, string][];
  /** Members still inside the window, oldest insertion first. */
  live: { storyId: string; clusterId: string; url: string | null; key: string; atMs: number }[];
}

const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Tokens so frequent in headlines on this topic (stopwords of the feeds' languages, the topic's
 * own vocabulary, single letters from "U.S.") that they go last in the global order and are
 * almost never indexed. Changing this list changes only speed, never which titles match.
 */
const COMMON_TOKENS = new Set(
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
function tokenHash(token: string): number {
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

/** Distinct tokens of a normalised title in the global order, with their ranks. */
function tokenise(key: string): { tokens: string[]; ranks: Float64Array } {
  const distinct = new Set<string>();
  if (key !== '') {
    for (const word of key.split(' ')) {
      if (word.length > 1 && CJK.test(word)) {
        for (let i = 0; i + 1 < word.length; i++) distinct.add(word.slice(i, i + 2));
      } else if (word !== '') {
        distinct.add(word);
      }
    }
  }
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
function jaccard(a: readonly string[], ra: Float64Array, b: readonly string[], rb: Float64Array): number {
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

/**
 * Cluster assignments, plus look-up indexes over the members still inside the window. The
 * indexes are bounded by eviction on event time (the latest `at` seen minus the window); the
 * story → cluster map is kept for every story, so a reclassification weeks later still finds its
 * cluster and cannot open a new one.
 */
export class ClusterIndex {
  readonly windowMs: number;
  readonly minSimilarity: number;
  private readonly members = new Map<string, string>();
  private readonly byUrl = new Map<string, Entry[]>();
  private readonly byToken = new Map<string, Entry[]>();
  private live: Entry[] = [];
  private head = 0;
  private latestMs = Number.NEGATIVE_INFINITY;
  private seq = 0;
  private probes = 0;
  /** Bumped by every insert and eviction: a peek computed at the same version is still right. */
  private version = 0;
  /** The last peek, so the assign that usually follows it (decide, then evolve) does not search again. */
  private lastPeek: { story: ClusterableStory; entry: Entry; version: number } | undefined;
  /** Stories assigned since the last {@link takeAssigned}, while recording. */
  private assigned: ClusterMember[] | undefined;

  constructor(options: ClusterIndexOptions = {}) {
    this.windowMs = options.windowMs ?? DEFAULT_CLUSTER_WINDOW_MS;
    this.minSimilarity = options.minSimilarity ?? DEFAULT_MIN_SIMILARITY;
  }

  /** The story's cluster id: its existing one, a matching cluster's, or its own story id. Records the story. */
  assign(story: ClusterableStory): string {
    const known = this.members.get(story.storyId);
    if (known !== undefined) return known;
    const peeked = this.lastPeek;
    let entry: Entry;
    if (peeked && peeked.version === this.version && sameStory(peeked.story, story)) {
      entry = peeked.entry;
    } else {
      entry = this.prepare(story);
      entry.clusterId = this.find(entry) ?? story.storyId;
    }
    this.lastPeek = undefined;
    this.insert(entry);
    this.evict();
    this.assigned?.push({ storyId: entry.storyId, clusterId: entry.clusterId, url: entry.url, key: entry.key, atMs: entry.atMs });
    return entry.clusterId;
  }

  /**
   * From now on, remembers every newly assigned story until {@link takeAssigned}: a live
   * evaluator persists its index as these increments instead of rewriting the whole index.
   */
  recordAssignments(): void {
    this.assigned ??= [];
  }

  /** The stories assigned since the last call, oldest first (empty unless recording). */
  takeAssigned(): ClusterMember[] {
    const taken = this.assigned ?? [];
    if (this.assigned) this.assigned = [];
    return taken;
  }

  /** What {@link assign} would return, without recording anything. */
  peek(story: ClusterableStory): string {
    const known = this.members.get(story.storyId);
    if (known !== undefined) return known;
    const entry = this.prepare(story);
    entry.clusterId = this.find(entry) ?? story.storyId;
    this.lastPeek = { story: { storyId: story.storyId, url: story.url, title: story.title, at: story.at }, entry, version: this.version };
    return entry.clusterId;
  }

  /** The cluster of a story already assigned. */
  clusterOf(storyId: string): string | undefined {
    return this.members.get(storyId);
  }

  /** Stories ever assigned. */
  get size(): number {
    return this.members.size;
  }

  /** Members still indexed for matching. */
  get liveSize(): number {
    return this.live.length - this.head;
  }

  toJSON(): ClusterIndexSnapshot {
    return {
      version: 1,
      windowMs: this.windowMs,
      minSimilarity: this.minSimilarity,
      latestMs: Number.isFinite(this.latestMs) ? this.latestMs : null,
      members: [...this.members],
      live: this.live.slice(this.head).map((e) => ({ storyId: e.storyId, clusterId: e.clusterId, url: e.url, key: e.key, atMs: e.atMs })),
    };
  }

  static fromJSON(snapshot: ClusterIndexSnapshot): ClusterIndex {
    const index = new ClusterIndex({ windowMs: snapshot.windowMs, minSimilarity: snapshot.minSimilarity });
    for (const [storyId, clusterId] of snapshot.members) index.members.set(storyId, clusterId);
    for (const e of snapshot.live) {
      const { tokens, ranks } = tokenise(e.key);
      index.insert({ seq: 0, storyId: e.storyId, clusterId: e.clusterId, atMs: e.atMs, url: e.url, key: e.key, tokens, ranks, probe: 0 });
    }
    index.latestMs = snapshot.latestMs ?? Number.NEGATIVE_INFINITY;
    return index;
  }

  /**
   * The index that assigning these members one by one, oldest first, would have left: the same
   * story → cluster map and the same members still indexed. Members older than the window at the
   * end are only mapped, never indexed, so a restart costs little for a long history.
   */
  static fromMembers(members: readonly ClusterMember[], options: ClusterIndexOptions = {}): ClusterIndex {
    const index = new ClusterIndex(options);
    let latestMs = Number.NEGATIVE_INFINITY;
    for (const m of members) if (m.atMs > latestMs) latestMs = m.atMs;
    // Eviction goes in insertion order and stops at the first member inside the window: the same here.
    const horizon = latestMs - index.windowMs;
    let first = 0;
    while (first < members.length && members[first].atMs < horizon) first++;
    for (let i = 0; i < first; i++) index.members.set(members[i].storyId, members[i].clusterId);
    for (let i = first; i < members.length; i++) {
      const m = members[i];
      const { tokens, ranks } = tokenise(m.key);
      index.insert({ seq: 0, storyId: m.storyId, clusterId: m.clusterId, atMs: m.atMs, url: m.url, key: m.key, tokens, ranks, probe: 0 });
    }
    return index;
  }

  private prepare(story: ClusterableStory): Entry {
    const atMs = Date.parse(story.at);
    if (Number.isNaN(atMs)) throw new ClusteringError(story.storyId, story.at);
    const key = normaliseTitle(story.title);
    const { tokens, ranks } = tokenise(key);
    return { seq: -1, storyId: story.storyId, clusterId: story.storyId, atMs, url: story.url || null, key, tokens, ranks, probe: 0 };
  }

  private within(a: Entry, b: Entry): boolean {
    return Math.abs(a.atMs - b.atMs) <= this.windowMs;
  }

  /** Same URL beats similar title; among titles the most similar wins, then the earliest indexed member. */
  private find(story: Entry): string | undefined {
    if (story.url) {
      const sameUrl = this.byUrl.get(story.url);
      if (sameUrl) for (const e of sameUrl) if (this.within(e, story)) return e.clusterId;
    }
    const t = this.minSimilarity;
    const n = story.tokens.length;
    const probe = ++this.probes;
    let best: Entry | undefined;
    let bestScore = -1;
    for (let p = 0, prefix = prefixLength(n, t); p < prefix; p++) {
      const candidates = this.byToken.get(story.tokens[p]);
      if (!candidates) continue;
      for (const e of candidates) {
        if (e.probe === probe) continue;
        e.probe = probe;
        const m = e.tokens.length;
        // A set this much larger or smaller cannot reach the threshold.
        if (m < t * n - 1e-9 || m * t > n + 1e-9 || !this.within(e, story)) continue;
        const score = jaccard(e.tokens, e.ranks, story.tokens, story.ranks);
        if (score >= t - 1e-9 && (score > bestScore || (score === bestScore && e.seq < best!.seq))) {
          best = e;
          bestScore = score;
        }
      }
    }
    return best?.clusterId;
  }

  private insert(entry: Entry): void {
    this.version++;
    entry.seq = this.seq++;
    this.members.set(entry.storyId, entry.clusterId);
    if (entry.url) push(this.byUrl, entry.url, entry);
    for (let p = 0, prefix = prefixLength(entry.tokens.length, this.minSimilarity); p < prefix; p++)
      push(this.byToken, entry.tokens[p], entry);
    this.live.push(entry);
    if (entry.atMs > this.latestMs) this.latestMs = entry.atMs;
  }

  /** Drops members older than the window from the indexes, oldest insertion first. */
  private evict(): void {
    const horizon = this.latestMs - this.windowMs;
    this.version++;
    while (this.head < this.live.length && this.live[this.head].atMs < horizon) {
      const e = this.live[this.head++];
      if (e.url) remove(this.byUrl, e.url, e);
      for (let p = 0, prefix = prefixLength(e.tokens.length, this.minSimilarity); p < prefix; p++) remove(this.byToken, e.tokens[p], e);
    }
    if (this.head > 1024 && this.head * 2 > this.live.length) {
      this.live = this.live.slice(this.head);
      this.head = 0;
    }
  }
}

function sameStory(a: ClusterableStory, b: ClusterableStory): boolean {
  return a.storyId === b.storyId && a.url === b.url && a.title === b.title && a.at === b.at;
}

/** Tokens to index and probe so that no pair with Jaccard ≥ t is missed. */
function prefixLength(n: number, t: number): number {
  return n === 0 ? 0 : n - Math.ceil(t * n - 1e-9) + 1;
}

function push(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function remove(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (!list) return;
  // Lists are in insertion order and eviction goes oldest first: the entry is almost always first.
  const i = list.indexOf(entry);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}
