import { entryOf, memberOf, newEntry, type ClusterIndexSnapshot, type ClusterMember, type Entry } from './cluster-entry';
import { signatureOf, type SignedStory } from './event-signature';
import { decideJoin, factWeight, rarityWeight, SPECIFIC_RARITY, wordNorm, type Rarity } from './join-decision';
import { jaccard, normaliseTitle, prefixLength } from './title-matching';

export type { ClusterIndexSnapshot, ClusterMember, StoredSignature } from './cluster-entry';

/**
 * Groups the stories of one real-world event, from every outlet and in every language, into one
 * cluster, so a rule alerts once per event rather than once per article. Within the window of
 * one of its members, a relevant story joins a cluster when it has the same canonical URL, a
 * near-identical title (title-matching.ts), or an event signature (event-signature.ts) that the
 * join decision (join-decision.ts) finds to be the same event; the best-scoring member wins,
 * then the earliest. Stories the classifier found not relevant are never clustered: no rule
 * alerts on them. The cluster id is its first member's story id, so assignments are a pure
 * function of the input order: replaying the log rebuilds the same clusters.
 *
 * Only members inside the window are indexed and counted (how common a fact is, is counted over
 * them), and a story is decided only against members that share a fact or title word uncommon in
 * the window (posting lists of common ones are not probed: the decision needs a specific fact in
 * common anyway), at most {@link MAX_CANDIDATES} of them.
 */

const HOUR = 3_600_000;
/** Members a story is decided against, at most: those sharing the most fact weight with it. */
const MAX_CANDIDATES = 8;
/** Members gathered as candidates, at most, from the rarest facts and title words first. */
const GATHER_LIMIT = 48;
/** What a shared uncommon title word counts for in choosing candidates. */
const TITLE_WORD_EVIDENCE = 0.3;
/** @defaultValue 48 h */
export const DEFAULT_CLUSTER_WINDOW_MS = 48 * HOUR;
/** @defaultValue 0.85 */
export const DEFAULT_MIN_SIMILARITY = 0.85;

export interface ClusterableStory extends SignedStory {
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

/**
 * Cluster assignments, plus look-up indexes over the members still inside the window. The
 * indexes are bounded by eviction on event time (the latest `at` seen minus the window); the
 * story → cluster map is kept for every story, so a reclassification weeks later still finds its
 * cluster and cannot open a new one.
 */
export class ClusterIndex implements Rarity {
  readonly windowMs: number;
  readonly minSimilarity: number;
  private readonly members = new Map<string, string>();
  private readonly byUrl = new Map<string, Entry[]>();
  private readonly byToken = new Map<string, Entry[]>();
  /** Facts and title words (hashes) of signed members, with the members that have them: also how common each is. */
  private readonly byFact = new Map<string, Entry[]>();
  private readonly byWord = new Map<number, Entry[]>();
  /** Members per name (facts and words count as their posting lists' lengths). */
  private readonly nameCounts = new Map<string, number>();
  private signed = 0;
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

  /**
   * The story's cluster id: its existing one, a matching cluster's, or its own story id. Records
   * the story, unless the classifier found it not relevant (then it is its own cluster, unrecorded).
   */
  assign(story: ClusterableStory): string {
    const known = this.members.get(story.storyId);
    if (known !== undefined) return known;
    if (story.classification?.relevant === false) return story.storyId;
    const peeked = this.lastPeek;
    let entry: Entry;
    if (peeked && peeked.version === this.version && peeked.story === story) {
      entry = peeked.entry;
    } else {
      entry = this.prepare(story);
      entry.clusterId = this.find(entry) ?? story.storyId;
    }
    this.lastPeek = undefined;
    this.insert(entry);
    this.evict();
    this.assigned?.push(memberOf(entry));
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
    if (story.classification?.relevant === false) return story.storyId;
    const entry = this.prepare(story);
    entry.clusterId = this.find(entry) ?? story.storyId;
    this.lastPeek = { story, entry, version: this.version };
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

  /** Signed members in the window (Rarity). */
  get population(): number {
    return this.signed;
  }

  /** Signed members in the window that state this fact (Rarity). */
  factFrequency(fact: string): number {
    return this.byFact.get(fact)?.length ?? 0;
  }

  nameFrequency(name: string): number {
    return this.nameCounts.get(name) ?? 0;
  }

  wordFrequency(word: number): number {
    return this.byWord.get(word)?.length ?? 0;
  }

  toJSON(): ClusterIndexSnapshot {
    return {
      version: 1,
      windowMs: this.windowMs,
      minSimilarity: this.minSimilarity,
      latestMs: Number.isFinite(this.latestMs) ? this.latestMs : null,
      members: [...this.members],
      live: this.live.slice(this.head).map(memberOf),
    };
  }

  static fromJSON(snapshot: ClusterIndexSnapshot): ClusterIndex {
    const index = new ClusterIndex({ windowMs: snapshot.windowMs, minSimilarity: snapshot.minSimilarity });
    for (const [storyId, clusterId] of snapshot.members) index.members.set(storyId, clusterId);
    for (const m of snapshot.live) index.insert(entryOf(m));
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
    for (let i = first; i < members.length; i++) index.insert(entryOf(members[i]));
    return index;
  }

  private prepare(story: ClusterableStory): Entry {
    const atMs = Date.parse(story.at);
    if (Number.isNaN(atMs)) throw new ClusteringError(story.storyId, story.at);
    const key = normaliseTitle(story.title);
    const signature = signatureOf(story, atMs, key);
    // Its words' norm as of entering the window: stored with it, so a restart compares alike.
    if (signature) signature.wordNorm = wordNorm(signature.words, this);
    return newEntry(story.storyId, story.storyId, atMs, story.url || null, key, signature);
  }

  private within(a: Entry, b: Entry): boolean {
    return Math.abs(a.atMs - b.atMs) <= this.windowMs;
  }

  /** Same URL beats a near-identical title, which beats the best signature; ties go to the earliest indexed member. */
  private find(story: Entry): string | undefined {
    if (story.url) {
      const sameUrl = this.byUrl.get(story.url);
      if (sameUrl) for (const e of sameUrl) if (this.within(e, story)) return e.clusterId;
    }
    return this.findTitle(story)?.clusterId ?? this.findEvent(story)?.clusterId;
  }

  private findTitle(story: Entry): Entry | undefined {
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
    return best;
  }

  /**
   * The member whose signature the join decision scores highest. Candidates are the members that
   * share an uncommon fact or title word with the story, gathered from the rarest first until
   * there are {@link GATHER_LIMIT}; the {@link MAX_CANDIDATES} with the most shared weight among
   * those lists (then the earliest) are decided. That bounds the work per story however busy the window.
   */
  private findEvent(story: Entry): Entry | undefined {
    const signature = story.signature;
    if (!signature) return undefined;
    const lists: Entry[][] = [];
    const weights: number[] = [];
    for (const fact of signature.facts) {
      const list = this.byFact.get(fact);
      // Facts and words this common cannot be what a join rests on (decideJoin wants a specific one).
      if (list && rarityWeight(list.length, this.signed) >= SPECIFIC_RARITY) {
        lists.push(list);
        weights.push(factWeight(fact));
      }
    }
    for (const word of signature.words) {
      const list = this.byWord.get(word);
      if (list && rarityWeight(list.length, this.signed) >= SPECIFIC_RARITY) {
        lists.push(list);
        weights.push(TITLE_WORD_EVIDENCE);
      }
    }
    // Rarest first: insertion sort, the lists are few.
    const order: number[] = [];
    for (let l = 0; l < lists.length; l++) {
      let k = order.length;
      while (k > 0 && lists[order[k - 1]].length > lists[l].length) k--;
      order.splice(k, 0, l);
    }
    const probe = ++this.probes;
    const candidates: Entry[] = [];
    for (const l of order) {
      if (candidates.length >= GATHER_LIMIT) break;
      for (const e of lists[l]) {
        if (e.probe !== probe) {
          e.probe = probe;
          e.evidence = 0;
          if (!e.signature || !this.within(e, story)) continue;
          candidates.push(e);
        }
        e.evidence += weights[l];
      }
    }
    if (candidates.length > MAX_CANDIDATES) keepBest(candidates, MAX_CANDIDATES);
    let best: Entry | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const e of candidates) {
      const { join, score } = decideJoin(signature, e.signature!, Math.abs(e.atMs - story.atMs), this);
      if (join && (score > bestScore || (score === bestScore && e.seq < best!.seq))) {
        best = e;
        bestScore = score;
      }
    }
    return best;
  }

  private insert(entry: Entry): void {
    this.version++;
    entry.seq = this.seq++;
    this.members.set(entry.storyId, entry.clusterId);
    if (entry.url) push(this.byUrl, entry.url, entry);
    for (let p = 0, prefix = prefixLength(entry.tokens.length, this.minSimilarity); p < prefix; p++) push(this.byToken, entry.tokens[p], entry);
    const signature = entry.signature;
    if (signature) {
      this.signed++;
      for (const fact of signature.facts) push(this.byFact, fact, entry);
      for (const word of signature.words) push(this.byWord, word, entry);
      for (const name of signature.names) add(this.nameCounts, name, 1);
    }
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
      const signature = e.signature;
      if (signature) {
        this.signed--;
        for (const fact of signature.facts) remove(this.byFact, fact, e);
        for (const word of signature.words) remove(this.byWord, word, e);
        for (const name of signature.names) add(this.nameCounts, name, -1);
      }
    }
    if (this.head > 1024 && this.head * 2 > this.live.length) {
      this.live = this.live.slice(this.head);
      this.head = 0;
    }
  }
}

/** Keeps in `entries` the `n` with the most evidence, the earliest first among equals (selection, not a full sort). */
function keepBest(entries: Entry[], n: number): void {
  const better = (x: Entry, y: Entry) => x.evidence > y.evidence || (x.evidence === y.evidence && x.seq < y.seq);
  for (let i = 0; i < n; i++) {
    let best = i;
    for (let j = i + 1; j < entries.length; j++) if (better(entries[j], entries[best])) best = j;
    const t = entries[i];
    entries[i] = entries[best];
    entries[best] = t;
  }
  entries.length = n;
}

function push<K>(map: Map<K, Entry[]>, key: K, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function remove<K>(map: Map<K, Entry[]>, key: K, entry: Entry): void {
  const list = map.get(key);
  if (!list) return;
  // Lists are in insertion order and eviction goes oldest first: the entry is almost always first.
  const i = list.indexOf(entry);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

function add<K>(counts: Map<K, number>, key: K, delta: number): void {
  const n = (counts.get(key) ?? 0) + delta;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}
