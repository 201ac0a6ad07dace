import { classifyNetworkError as classifyNetworkFailure } from '@chipwatch/platform';

/**
 * Every way a delivery can fail, as a code users can act on. These strings are persisted in
 * `NotificationFailed` events and shown in delivery records: never rename one.
 */
export const DELIVERY_ERROR_CODES = [
  /** Not an http(s) URL, no host, or not a single email address: fix the subscription. */
  'invalid-target',
  /** The target is (or resolves to) a loopback, private, link-local or otherwise internal address. */
  'ssrf-refused',
  'dns',
  'connection',
  'timeout',
  'tls',
  /** The receiver answered 3xx: redirects are never followed, so update the URL. */
  'redirect',
  'http-4xx',
  'http-5xx',
  /** SMTP failure that may pass on retry: connection, greeting, 4xx reply. */
  'smtp',
  /** SMTP 5xx reply (recipient unknown, auth refused, message refused): retrying will not help. */
  'smtp-rejected',
] as const;

export type DeliveryErrorCode = (typeof DELIVERY_ERROR_CODES)[number];

export interface DeliveryErrorDetails {
  /** HTTP status, when the receiver answered. */
  status?: number;
  /** The raw `Retry-After` header, when the receiver sent one. */
  retryAfter?: string;
  /** The first bytes of the receiver's answer, for the delivery record. */
  responseBody?: string;
  /** Wall time of the attempt. */
  ms?: number;
  /** SMTP reply code (e.g. 550), for `smtp` and `smtp-rejected`. */
  smtpCode?: number;
  cause?: unknown;
}

/**
 * The one error type channels throw. Messages never contain URL credentials or path tokens (they
 * go through `redactUrl`), so they can be logged and stored as they are.
 */
export class DeliveryError extends Error {
  readonly status?: number;
  readonly retryAfter?: string;
  readonly responseBody?: string;
  readonly ms?: number;
  readonly smtpCode?: number;

  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    details: DeliveryErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DeliveryError';
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
    if (details.responseBody !== undefined) this.responseBody = details.responseBody;
    if (details.ms !== undefined) this.ms = details.ms;
    if (details.smtpCode !== undefined) this.smtpCode = details.smtpCode;
  }
}

export function isDeliveryError(error: unknown): error is DeliveryError {
  return error instanceof DeliveryError;
}

/** The first `DeliveryError` in an error's cause chain (undici and net wrap what a lookup throws). */
export function findDeliveryError(error: unknown): DeliveryError | undefined {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e instanceof DeliveryError) return e;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Maps a network error (undici's or Node's) to a delivery error code. */
export function classifyNetworkError(error: unknown): DeliveryErrorCode {
  return classifyNetworkFailure(error);
}
