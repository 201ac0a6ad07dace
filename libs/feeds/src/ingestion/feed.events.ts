import { eventTypesOf, isEventOf, type Event } from '@chipwatch/event-store';

import type { FeedFailureReason } from '../feed-errors';

/** Stream `feed-<feedId>`. */
export type FeedPolled = Event<
  'FeedPolled',
  {
    feedId: string;
    /** HTTP status of the final response (200, 304). */
    status: number;
    notModified: boolean;
    etag?: string;
    lastModified?: string;
    /** Items in the document (0 when not modified). */
    itemsSeen: number;
    /** Stories discovered for the first time anywhere. */
    newStories: number;
    /** Known stories whose title or summary changed. */
    updatedStories: number;
    durationMs: number;
    /** The due time this poll served (or `manual-…`): at most one poll per feed and slot. */
    slot: string;
    nextPollAt: string;
    /** What set `nextPollAt`: interval, ttl, cache-max-age, cap. */
    nextPollReason: string;
    /** The feed's RSS `<ttl>`, kept so a 304 still honours it. */
    ttlMinutes?: number;
    /** Where the feed answered from, after redirects. */
    finalUrl?: string;
    /** Items beyond the item limit, left out (oldest first). */
    droppedItems?: number;
    parser?: string;
    charset?: string;
  }
>;

export type FeedPollFailed = Event<
  'FeedPollFailed',
  {
    feedId: string;
    reason: FeedFailureReason;
    message: string;
    httpStatus?: number;
    /** Consecutive failures including this one. */
    attempt: number;
    slot: string;
    nextPollAt: string;
    nextPollReason: string;
    retryAfter?: string;
    durationMs: number;
  }
>;

export type FeedEvent = FeedPolled | FeedPollFailed;

export const FEED_EVENT_TYPES = eventTypesOf<FeedEvent>({ FeedPolled: true, FeedPollFailed: true });
export const isFeedEvent = isEventOf<FeedEvent>(FEED_EVENT_TYPES);
export const FEED_STREAM_PREFIX = 'feed-';

export const feedStreamId = (feedId: string): string => `${FEED_STREAM_PREFIX}${feedId}`;
