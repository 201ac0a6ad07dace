import type { FeedEvent } from './feed.events';
import { evolveFeedState, initialFeedState } from './feed-state.projection';

const polled = (over: Partial<Extract<FeedEvent, { type: 'FeedPolled' }>['data']> = {}): FeedEvent => ({
  type: 'FeedPolled',
  data: {
    feedId: 'f',
    status: 200,
    notModified: false,
    etag: '"v1"',
    itemsSeen: 3,
    newStories: 3,
    updatedStories: 0,
    durationMs: 12,
    slot: 'first',
    nextPollAt: '2026-11-29T10:10:00.000Z',
    nextPollReason: 'interval',
    ...over,
  },
});

const failed = (attempt: number): FeedEvent => ({
  type: 'FeedPollFailed',
  data: {
    feedId: 'f',
    reason: 'http-5xx',
    message: 'HTTP 503',
    httpStatus: 503,
    attempt,
    slot: `s${attempt}`,
    nextPollAt: '2026-11-29T11:00:00.000Z',
    nextPollReason: 'backoff',
    durationMs: 5,
  },
});

const fold = (events: FeedEvent[]) =>
  events.reduce((state, event, i) => evolveFeedState(state, event, `2026-11-29T10:0${i}:00.000Z`), initialFeedState('f'));

describe('feed-state projection', () => {
  it('given a first poll, records validators, stories and the next poll', () => {
    expect(fold([polled()])).toMatchObject({
      lastStatus: 'ok',
      etag: '"v1"',
      storiesTotal: 3,
      polls: 1,
      nextPollAt: '2026-11-29T10:10:00.000Z',
      lastSlot: 'first',
      consecutiveFailures: 0,
    });
  });

  it('keeps validators through a 304 that omits them, and counts not-modified polls', () => {
    const state = fold([polled(), polled({ status: 304, notModified: true, etag: undefined, newStories: 0, itemsSeen: 0 })]);
    expect(state).toMatchObject({ lastStatus: 'not-modified', etag: '"v1"', polls: 2, notModifiedPolls: 1, storiesTotal: 3 });
  });

  it('counts consecutive failures and resets them on success', () => {
    const failing = fold([polled(), failed(1), failed(2)]);
    expect(failing).toMatchObject({
      lastStatus: 'failed',
      consecutiveFailures: 2,
      lastErrorReason: 'http-5xx',
      lastHttpStatus: 503,
      failedPolls: 2,
    });
    expect(failing.lastSuccessAt).toBe('2026-11-29T10:00:00.000Z');
    const recovered = fold([polled(), failed(1), failed(2), polled({ newStories: 1 })]);
    expect(recovered).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0, storiesTotal: 4, lastErrorReason: 'http-5xx' });
  });
});
