import { derive, type EventSignature } from './event-signature';
import { tokenise } from './title-matching';

/**
 * A cluster member as ClusterIndex holds it (Entry), and as it is stored and restored
 * (ClusterMember: plain JSON, one document per assigned story in the live evaluator).
 */

/** An event signature as stored: plain JSON. */
export interface StoredSignature {
  language: string;
  publishedMs: number;
  /** Its words' norm as it entered the window (see wordNorm in join-decision.ts). */
  wordNorm: number;
  facts: string[];
  subtopics: string[];
  names: string[];
  words: number[];
}

/** What is kept of one assigned story to rebuild the index later (see {@link ClusterIndex.fromMembers}). */
export interface ClusterMember {
  storyId: string;
  clusterId: string;
  url: string | null;
  /** Normalised title. */
  key: string;
  atMs: number;
  /** Absent for members stored before signatures existed: they are joined by URL and title only. */
  signature?: StoredSignature;
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
  live: ClusterMember[];
}

export interface Entry {
  seq: number;
  storyId: string;
  clusterId: string;
  atMs: number;
  url: string | null;
  /** Normalised title; '' when it has no letters or digits (then titles never match). */
  key: string;
  /** Distinct title tokens in global order, and their ranks (title-matching.ts). */
  tokens: string[];
  ranks: Float64Array;
  signature: EventSignature | undefined;
  /** Last probe that visited this entry: dedupes candidates without allocating a set per probe. */
  probe: number;
  /** Fact weight it shares with the story of the last probe: how candidates are ranked. */
  evidence: number;
}

export function newEntry(storyId: string, clusterId: string, atMs: number, url: string | null, key: string, signature: EventSignature | undefined): Entry {
  const { tokens, ranks } = tokenise(key);
  return { seq: -1, storyId, clusterId, atMs, url, key, tokens, ranks, signature, probe: 0, evidence: 0 };
}

export function entryOf(m: ClusterMember): Entry {
  const s = m.signature;
  return newEntry(m.storyId, m.clusterId, m.atMs, m.url, m.key, s && derive({ ...s, words: Uint32Array.from(s.words) }));
}

export function memberOf(e: Entry): ClusterMember {
  const member: ClusterMember = { storyId: e.storyId, clusterId: e.clusterId, url: e.url, key: e.key, atMs: e.atMs };
  const s = e.signature;
  if (s) {
    member.signature = {
      language: s.language,
      publishedMs: s.publishedMs,
      wordNorm: s.wordNorm ?? 0,
      facts: [...s.facts],
      subtopics: [...s.subtopics],
      names: [...s.names],
      words: Array.from(s.words),
    };
  }
  return member;
}

