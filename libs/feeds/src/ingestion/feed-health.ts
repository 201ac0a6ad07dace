import type { DocumentReader } from '@chipwatch/event-store';
import type { FeedDefinition } from './feeds-config.schema';
import { FEED_STATE_COLLECTION, initialFeedState, type FeedState } from './feed-state.projection';

/** `GET /feeds` and `GET /feeds/:id`: a configured feed and how its polling goes. */
export interface FeedHealth {
  id: string;
  url: string;
  intervalMs: number;
  language: string | null;
  tags: string[];
  enabled: boolean;
  lastPolledAt: string | null;
  lastStatus: FeedState['lastStatus'];
  lastHttpStatus: number | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastErrorReason: string | null;
  lastErrorMessage: string | null;
  nextPollAt: string | null;
  nextPollReason: string | null;
  storiesTotal: number;
  polls: number;
  /** Share of polls answered 304 Not Modified, 0..1. */
  notModifiedShare: number;
  failedPolls: number;
}

export function feedHealth(feed: FeedDefinition, stored: FeedState | undefined): FeedHealth {
  const state = stored ?? initialFeedState(feed.id);
  return {
    id: feed.id,
    url: feed.url,
    intervalMs: feed.interval,
    language: feed.language ?? null,
    tags: feed.tags,
    enabled: feed.enabled,
    lastPolledAt: state.lastPolledAt,
    lastStatus: state.lastStatus,
    lastHttpStatus: state.lastHttpStatus,
    lastSuccessAt: state.lastSuccessAt,
    consecutiveFailures: state.consecutiveFailures,
    lastErrorReason: state.lastErrorReason,
    lastErrorMessage: state.lastErrorMessage,
    nextPollAt: state.nextPollAt,
    nextPollReason: state.nextPollReason,
    storiesTotal: state.storiesTotal,
    polls: state.polls,
    notModifiedShare: state.polls === 0 ? 0 : Math.round((state.notModifiedPolls / state.polls) * 1000) / 1000,
    failedPolls: state.failedPolls,
  };
}

/** Every feed-state document, by feed id (a few thousand at most: one read). */
export async function readFeedStates(documents: DocumentReader): Promise<Map<string, FeedState>> {
  const states = new Map<string, FeedState>();
  let afterKey: string | undefined;
  for (;;) {
    const page = await documents.list<FeedState>(FEED_STATE_COLLECTION, { afterKey, limit: 1000 });
    for (const entry of page) states.set(entry.key, entry.doc);
    if (page.length < 1000) return states;
    afterKey = page[page.length - 1].key;
  }
}
