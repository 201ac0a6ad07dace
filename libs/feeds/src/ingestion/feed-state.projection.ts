import type { Projection } from '@chipwatch/event-store';
import { FEED_EVENT_TYPES, FEED_STREAM_PREFIX, type FeedEvent } from './feed.events';

/** Collection of feed-state documents, keyed by feed id. */
export const FEED_STATE_COLLECTION = 'feed-state';

/** What the scheduler and `GET /feeds` need to know about a feed, folded from its stream. */
export interface FeedState {
  feedId: string;
  lastPolledAt: string | null;
  /** `ok`, `not-modified` or `failed`. */
  lastStatus: 'ok' | 'not-modified' | 'failed' | null;
  lastHttpStatus: number | null;
  consecutiveFailures: number;
  lastErrorReason: string | null;
  lastErrorMessage: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  nextPollReason: string | null;
  lastSlot: string | null;
  etag: string | null;
  lastModified: string | null;
  ttlMinutes: number | null;
  storiesTotal: number;
  polls: number;
  notModifiedPolls: number;
  failedPolls: number;
}

export function initialFeedState(feedId: string): FeedState {
  return {
    feedId,
    lastPolledAt: null,
    lastStatus: null,
    lastHttpStatus: null,
    consecutiveFailures: 0,
    lastErrorReason: null,
    lastErrorMessage: null,
    lastSuccessAt: null,
    nextPollAt: null,
    nextPollReason: null,
    lastSlot: null,
    etag: null,
    lastModified: null,
    ttlMinutes: null,
    storiesTotal: 0,
    polls: 0,
    notModifiedPolls: 0,
    failedPolls: 0,
  };
}

/** Pure fold of one feed event; `recordedAt` is the event's time. */
export function evolveFeedState(state: FeedState, event: FeedEvent, recordedAt: string): FeedState {
  switch (event.type) {
    case 'FeedPolled': {
      const data = event.data;
      return {
        ...state,
        lastPolledAt: recordedAt,
        lastSuccessAt: recordedAt,
        lastStatus: data.notModified ? 'not-modified' : 'ok',
        lastHttpStatus: data.status,
        consecutiveFailures: 0,
        nextPollAt: data.nextPollAt,
        nextPollReason: data.nextPollReason,
        lastSlot: data.slot,
        // A 304 may omit validators: keep the ones that produced it.
        etag: data.etag ?? state.etag,
        lastModified: data.lastModified ?? state.lastModified,
        ttlMinutes: data.ttlMinutes ?? state.ttlMinutes,
        storiesTotal: state.storiesTotal + data.newStories,
        polls: state.polls + 1,
        notModifiedPolls: state.notModifiedPolls + (data.notModified ? 1 : 0),
      };
    }
    case 'FeedPollFailed': {
      const data = event.data;
      return {
        ...state,
        lastPolledAt: recordedAt,
        lastStatus: 'failed',
        lastHttpStatus: data.httpStatus ?? null,
        consecutiveFailures: data.attempt,
        lastErrorReason: data.reason,
        lastErrorMessage: data.message,
        nextPollAt: data.nextPollAt,
        nextPollReason: data.nextPollReason,
        lastSlot: data.slot,
        polls: state.polls + 1,
        failedPolls: state.failedPolls + 1,
      };
    }
  }
}

/** Feed-state documents, for the scheduler and feed health (`GET /feeds`). */
export const feedStateProjection: Projection<FeedEvent, FeedState> = {
  name: 'feed-state',
  collection: FEED_STATE_COLLECTION,
  filter: { types: FEED_EVENT_TYPES, streamPrefix: FEED_STREAM_PREFIX },
  key: (event) => event.data.feedId,
  evolve: (state, event) => evolveFeedState(state ?? initialFeedState(event.data.feedId), event, event.recordedAt),
};
