import { DurationError, MAX_POLL_DELAY_MS, nextPollAt, parseDuration, planNextPoll, PollScheduleInput } from './poll-schedule';

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = new Date('2025-06-02T09:00:00Z');
const base: PollScheduleInput = { now, interval: 15 * MIN, consecutiveFailures: 0, jitterSeed: 'feed-a' };
const delay = (input: Partial<PollScheduleInput>) => nextPollAt({ ...base, ...input }).getTime() - now.getTime();

describe('nextPollAt', () => {
  it('polls after the interval plus at most 10% jitter', () => {
    const d = delay({});
    expect(d).toBeGreaterThanOrEqual(15 * MIN);
    expect(d).toBeLessThan(15 * MIN * 1.1);
  });

  it('is deterministic: same input, same instant', () => {
    expect(nextPollAt(base)).toEqual(nextPollAt({ ...base }));
  });

  it('spreads feeds with the same interval apart', () => {
    const instants = new Set(['a', 'b', 'c', 'd', 'e'].map((seed) => nextPollAt({ ...base, jitterSeed: seed }).getTime()));
    expect(instants.size).toBe(5);
  });

  it('never polls more often than <ttl> or max-age ask', () => {
    expect(delay({ ttlMinutes: 60 })).toBeGreaterThanOrEqual(60 * MIN);
    expect(delay({ cacheMaxAgeSec: 2 * 3600 })).toBeGreaterThanOrEqual(2 * HOUR);
    expect(planNextPoll({ ...base, ttlMinutes: 60, cacheMaxAgeSec: 1800 }).reason).toBe('ttl');
    // asking for less than the interval changes nothing
    expect(planNextPoll({ ...base, ttlMinutes: 1, cacheMaxAgeSec: 0 }).reason).toBe('interval');
  });

  it('caps what publishers ask at 24 h', () => {
    expect(delay({ ttlMinutes: 7 * 24 * 60 })).toBe(MAX_POLL_DELAY_MS);
    expect(planNextPoll({ ...base, cacheMaxAgeSec: 10 ** 9 }).reason).toBe('cap');
  });

  it('backs off exponentially on consecutive failures, capped at 24 h', () => {
    const d1 = delay({ consecutiveFailures: 1 });
    const d3 = delay({ consecutiveFailures: 3 });
    expect(d1).toBeGreaterThanOrEqual(30 * MIN);
    expect(d1).toBeLessThan(33 * MIN);
    expect(d3).toBeGreaterThanOrEqual(120 * MIN);
    expect(d3).toBeLessThan(132 * MIN);
    expect(delay({ consecutiveFailures: 12 })).toBe(MAX_POLL_DELAY_MS);
    expect(delay({ consecutiveFailures: 500 })).toBe(MAX_POLL_DELAY_MS);
  });

  it('recovers to the normal interval after a success', () => {
    expect(delay({ consecutiveFailures: 0 })).toBeLessThan(15 * MIN * 1.1);
  });

  it('never polls before Retry-After', () => {
    const retryAfter = new Date(now.getTime() + 3 * HOUR);
    expect(nextPollAt({ ...base, retryAfter, consecutiveFailures: 1 })).toEqual(retryAfter);
    expect(planNextPoll({ ...base, retryAfter }).reason).toBe('retry-after');
    // a Retry-After already past changes nothing
    expect(delay({ retryAfter: new Date(now.getTime() - HOUR) })).toBeLessThan(15 * MIN * 1.1);
  });

  it('caps an absurd Retry-After at 7 days', () => {
    expect(delay({ retryAfter: new Date('2099-01-01T00:00:00Z') })).toBe(7 * 24 * HOUR);
  });

  it('refuses a non-positive interval', () => {
    expect(() => nextPollAt({ ...base, interval: 0 })).toThrow(RangeError);
  });
});

describe('parseDuration', () => {
  it.each([
    ['1s', 1000],
    ['90s', 90_000],
    ['15m', 15 * MIN],
    ['1h30m', 90 * MIN],
    ['2h15m30s', 2 * HOUR + 15 * MIN + 30_000],
    ['24h', 24 * HOUR],
    [' 15M ', 15 * MIN],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([[''], ['15'], ['m'], ['0s'], ['25h'], ['24h1s'], ['1.5h'], ['-5m'], ['15 minutes'], ['30m1h']])('refuses %p', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
  });

  it('names the input and the range in its error', () => {
    expect(() => parseDuration('25h')).toThrow(/"25h".*longer than 24h/);
    try {
      parseDuration('x');
    } catch (error) {
      expect((error as DurationError).code).toBe('invalid-duration');
    }
  });
});
