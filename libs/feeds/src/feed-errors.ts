/**
 * Every way a poll can fail, as a code users can act on. These strings are persisted in
 * `FeedPollFailed` events: never rename one.
 */
export const FEED_FAILURE_REASONS = [
  'timeout',
  'too-large',
  'too-many-redirects',
  'http-4xx',
  'http-5xx',
  'rate-limited',
  'not-a-feed',
  'parse-error',
  'dns',
  'connection',
  'tls',
  'decode',
  'unsafe-xml',
  'too-complex',
] as const;

export type FeedFailureReason = (typeof FEED_FAILURE_REASONS)[number];

export interface FeedPollErrorDetails {
  httpStatus?: number;
  /** When the server asked us to come back (Retry-After on 429/503). */
  retryAfter?: Date;
  cause?: unknown;
}

/**
 * One typed failure for the whole pipeline (fetch, decode, safety, parse): the poller records
 * `reason` in `FeedPollFailed` and schedules a retry; it never needs to inspect the message.
 */
export class FeedPollError extends Error {
  readonly httpStatus?: number;
  readonly retryAfter?: Date;

  constructor(
    readonly reason: FeedFailureReason,
    message: string,
    details: FeedPollErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FeedPollError';
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
  }

  /** Same value as `reason`, under the name the other libs' errors use. */
  get code(): FeedFailureReason {
    return this.reason;
  }
}

/** The fetch stage's errors are the pipeline's errors; the alias keeps the name. */
export { FeedPollError as FeedFetchError };

export function isFeedPollError(error: unknown): error is FeedPollError {
  return error instanceof FeedPollError;
}
