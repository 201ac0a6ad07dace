import { DeliveryErrorCode, isDeliveryError } from './delivery.error';

/**
 * When to try a delivery again. Pure: the caller supplies the outcome, the clock and the random
 * source, so schedules are tested without sleeping and jitter is deterministic in tests.
 */
export interface RetryPolicy {
  /**
   * Attempts in all, the first included. After the last one a retryable failure is final.
   * @defaultValue 8
   */
  attempts: number;
  /**
   * Delay after the first failure; it doubles after each further one.
   * @defaultValue 30000 (30 s)
   */
  baseMs: number;
  /**
   * Longest delay between two attempts, jitter included.
   * @defaultValue 1800000 (30 min)
   */
  maxMs: number;
  /**
   * Spread of each delay, as a fraction either side of the nominal one: 0.2 gives 80–120 %.
   * Symmetric jitter keeps the mean schedule where the numbers say while still spreading a burst
   * of failures (a receiver that was down for everyone) over time.
   * @defaultValue 0.2
   */
  jitter: number;
  /**
   * Longest wait a `Retry-After` can impose; a later date is cut to this rather than trusted.
   * @defaultValue 3600000 (1 h)
   */
  maxRetryAfterMs: number;
}

/**
 * 8 attempts: delays of 30 s, 1, 2, 4, 8, 16 and 30 min (the 32 min step capped), 61.5 min
 * nominal from the first attempt to the last.
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 8,
  baseMs: 30_000,
  maxMs: 30 * 60_000,
  jitter: 0.2,
  maxRetryAfterMs: 60 * 60_000,
});

export interface AttemptOutcome {
  /** The attempt that just ended, 1 for the first. */
  attempt: number;
  /** HTTP status, when the receiver answered; read from a `DeliveryError` when omitted. */
  status?: number;
  /** What the attempt threw, if it threw. */
  error?: unknown;
  /**
   * `Retry-After` as sent (seconds or an HTTP date), or a number of seconds; read from a
   * `DeliveryError` when omitted.
   */
  retryAfter?: string | number;
  /** The instant the answer came: needed only to read a `Retry-After` HTTP date. */
  now?: Date | number;
  /** A source of numbers in [0, 1), e.g. `Math.random`; injected so tests are deterministic. */
  random: () => number;
}

export type NextAttemptReason = 'delivered' | 'retry' | 'permanent' | 'exhausted';

export interface NextAttempt {
  /** No further attempt: delivered, a permanent failure, or out of attempts. */
  final: boolean;
  delivered: boolean;
  reason: NextAttemptReason;
  /** Wait before the next attempt, when `final` is false. */
  delayMs?: number;
}

/** Failures that no retry can fix: the target or the message must change first. */
const PERMANENT_CODES: ReadonlySet<DeliveryErrorCode> = new Set([
  'invalid-target',
  'ssrf-refused',
  'redirect',
  'http-4xx',
  'smtp-rejected',
]);

function resolvePolicy(policy: Partial<RetryPolicy> | undefined): RetryPolicy {
  const p = { ...DEFAULT_RETRY_POLICY, ...policy };
  if (!Number.isInteger(p.attempts) || p.attempts < 1) throw new RangeError(`attempts must be an integer ≥ 1, got ${p.attempts}`);
  if (!(p.baseMs >= 0) || !(p.maxMs >= 0) || !(p.maxRetryAfterMs >= 0)) throw new RangeError('delays must be ≥ 0');
  if (!(p.jitter >= 0 && p.jitter <= 1)) throw new RangeError(`jitter must be within [0, 1], got ${p.jitter}`);
  return p;
}

/** The status alone decides: 408 and 429 are "not now", 5xx is the receiver's fault. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500 || status < 200;
}

/**
 * `Retry-After` in milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * A date in the past gives 0; anything else unreadable gives undefined (and the backoff applies).
 */
export function parseRetryAfter(value: string | number | undefined, now?: Date | number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates (IMF-fixdate, RFC 850, asctime) all start with a day name; Date.parse alone would
  // also read "-5" as the year 5 BC.
  const at = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s/i.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at)) return undefined;
  if (now === undefined) throw new TypeError('a Retry-After HTTP date needs `now` to be read');
  return Math.max(0, at - (typeof now === 'number' ? now : now.getTime()));
}

/** Nominal delays (no jitter) after attempt 1, 2, … attempts − 1. */
export function retrySchedule(policy?: Partial<RetryPolicy>): number[] {
  const p = resolvePolicy(policy);
  return Array.from({ length: p.attempts - 1 }, (_, i) => Math.min(p.maxMs, p.baseMs * 2 ** i));
}

/**
 * Decides what follows an attempt: 2xx is delivered; 408, 429, 5xx, network errors and timeouts
 * are retried with exponential backoff and jitter, no sooner than `Retry-After`; other 4xx, 3xx
 * (redirects are not followed), refused targets and SMTP 5xx are final.
 */
export function nextAttempt(outcome: AttemptOutcome, policy?: Partial<RetryPolicy>): NextAttempt {
  const p = resolvePolicy(policy);
  const { attempt, error, random } = outcome;
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer ≥ 1, got ${attempt}`);
  const deliveryError = isDeliveryError(error) ? error : undefined;
  const status = outcome.status ?? deliveryError?.status;
  const retryAfter = outcome.retryAfter ?? deliveryError?.retryAfter;

  let retryable: boolean;
  if (status !== undefined && status >= 200 && status < 300) {
    return { final: true, delivered: true, reason: 'delivered' };
  } else if (status !== undefined) {
    retryable = retryableStatus(status);
  } else if (error !== undefined) {
    // Unknown errors are retried: a bug shows up as an exhausted delivery with its message
    // recorded, whereas treating it as permanent could drop a notification on a transient fault.
    retryable = !(deliveryError && PERMANENT_CODES.has(deliveryError.code));
  } else {
    throw new TypeError('nextAttempt needs a status or an error');
  }

  if (!retryable) return { final: true, delivered: false, reason: 'permanent' };
  if (attempt >= p.attempts) return { final: true, delivered: false, reason: 'exhausted' };

  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${r}`);
  const nominal = Math.min(p.maxMs, p.baseMs * 2 ** (attempt - 1));
  const backoff = Math.min(p.maxMs, Math.round(nominal * (1 - p.jitter + 2 * p.jitter * r)));
  const retryAfterMs = parseRetryAfter(retryAfter, outcome.now);
  const delayMs = retryAfterMs === undefined ? backoff : Math.min(p.maxRetryAfterMs, Math.max(Math.ceil(retryAfterMs), backoff));
  return { final: false, delivered: false, reason: 'retry', delayMs };
}
