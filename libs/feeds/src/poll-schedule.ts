import { createHash } from 'node:crypto';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** No feed waits longer than this between polls, whatever its TTL, max-age or failures say. */
export const MAX_POLL_DELAY_MS = 24 * HOUR;
/** Backoff doubles per consecutive failure up to this many doublings. */
export const MAX_BACKOFF_DOUBLINGS = 12;
/** A Retry-After further away than this is taken as this: a typo on a server must not silence a feed for good. */
export const MAX_RETRY_AFTER_MS = 7 * 24 * HOUR;
/** Jitter added to a delay, as a fraction of it. */
export const JITTER_FRACTION = 0.1;

export interface PollScheduleInput {
  now: Date;
  /** The feed's configured interval, in milliseconds (see `parseDuration`). */
  interval: number;
  /** The feed's RSS `<ttl>`, in minutes. */
  ttlMinutes?: number;
  /** The last response's Cache-Control `max-age`, in seconds. */
  cacheMaxAgeSec?: number;
  /** The last response's Retry-After, as an instant. */
  retryAfter?: Date;
  /** Failed polls since the last success; 0 after a success. */
  consecutiveFailures: number;
  /** Stable per feed (its id): spreads feeds with the same interval apart, deterministically. */
  jitterSeed: string;
}

export type PollDelayReason = 'interval' | 'ttl' | 'cache-max-age' | 'backoff' | 'retry-after' | 'cap';

export interface PollPlan {
  at: Date;
  delayMs: number;
  /** What set the delay, for FeedPolled/FeedPollFailed events and feed health. */
  reason: PollDelayReason;
  jitterMs: number;
}

/** A number in [0, 1) from a seed: the first 6 bytes of its sha256. */
function unitHash(seed: string): number {
  return createHash('sha256').update(seed, 'utf8').digest().readUIntBE(0, 6) / 2 ** 48;
}

/**
 * When to poll a feed next. Pure and deterministic.
 *
 * - the configured interval, raised to the feed's `<ttl>` and Cache-Control max-age when they ask
 *   for longer (we never poll more often than a publisher asks), capped at 24 h;
 * - after n consecutive failures, interval × 2^n (n at most 12), capped at 24 h; a success
 *   (n = 0) returns to the normal interval;
 * - plus up to 10% jitter from a hash of the seed and the current interval slot;
 * - never before Retry-After (itself capped at 7 days).
 */
export function planNextPoll(input: PollScheduleInput): PollPlan {
  if (!(input.interval > 0)) throw new RangeError(`interval must be positive, got ${input.interval}`);
  const now = input.now.getTime();
  const failures = Math.max(0, Math.floor(input.consecutiveFailures));

  let delay = input.interval;
  let reason: PollDelayReason = 'interval';
  const raise = (candidate: number | undefined, why: PollDelayReason) => {
    if (candidate !== undefined && Number.isFinite(candidate) && candidate > delay) {
      delay = candidate;
      reason = why;
    }
  };
  if (failures > 0) raise(input.interval * 2 ** Math.min(failures, MAX_BACKOFF_DOUBLINGS), 'backoff');
  raise(input.ttlMinutes !== undefined ? input.ttlMinutes * MINUTE : undefined, 'ttl');
  raise(input.cacheMaxAgeSec !== undefined ? input.cacheMaxAgeSec * SECOND : undefined, 'cache-max-age');
  if (delay > MAX_POLL_DELAY_MS) {
    delay = MAX_POLL_DELAY_MS;
    reason = 'cap';
  }

  const slot = Math.floor(now / input.interval);
  const jitterMs = Math.floor(unitHash(`${input.jitterSeed}\u0000${slot}\u0000${failures}`) * JITTER_FRACTION * delay);
  let at = now + Math.min(delay + jitterMs, MAX_POLL_DELAY_MS);

  if (input.retryAfter) {
    const retryAt = Math.min(input.retryAfter.getTime(), now + MAX_RETRY_AFTER_MS);
    if (retryAt > at) {
      at = retryAt;
      reason = 'retry-after';
    }
  }
  return { at: new Date(at), delayMs: at - now, reason, jitterMs };
}

/** `planNextPoll(input).at`. */
export function nextPollAt(input: PollScheduleInput): Date {
  return planNextPoll(input).at;
}

/** A duration string that is malformed or outside 1 s .. 24 h. */
export class DurationError extends Error {
  readonly code = 'invalid-duration';
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`invalid duration "${input}": ${reason} (expected e.g. 30s, 15m, 1h30m, 24h; 1s to 24h)`);
    this.name = 'DurationError';
  }
}

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Milliseconds from `15m`, `1s`, `24h`, `1h30m`, `2h15m30s`. Range 1 s to 24 h inclusive. */
export function parseDuration(text: string): number {
  const clean = String(text).trim().toLowerCase();
  const match = DURATION.exec(clean);
  if (!clean || !match) throw new DurationError(String(text), 'not of the form <h>h<m>m<s>s');
  const ms = Number(match[1] ?? 0) * HOUR + Number(match[2] ?? 0) * MINUTE + Number(match[3] ?? 0) * SECOND;
  if (ms < SECOND) throw new DurationError(String(text), 'shorter than 1s');
  if (ms > MAX_POLL_DELAY_MS) throw new DurationError(String(text), 'longer than 24h');
  return ms;
}
