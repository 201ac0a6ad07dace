import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/): `webhook-signature` carries
 * space-separated `v1,<base64 HMAC-SHA256>` entries over `<webhook-id>.<webhook-timestamp>.<body>`,
 * keyed with the base64-decoded part of a `whsec_` secret. Several entries let a subscriber roll
 * its secret without a gap: sign with the old and the new one until the receiver has switched.
 */

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** The spec asks for 24–64 random bytes; we generate 32. */
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A new signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** Whether `secret` is one we can sign with: the prefix, then base64 of 24–64 bytes. */
export function isValidWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return false;
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) return false;
  const bytes = Buffer.from(encoded, 'base64').length;
  return bytes >= MIN_SECRET_BYTES && bytes <= MAX_SECRET_BYTES;
}

/** The HMAC key: the base64 after `whsec_` (the prefix is optional here, as in the reference libraries). */
function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  if (!BASE64.test(encoded)) throw new WebhookVerificationError('invalid-secret', 'the secret is not base64 after "whsec_"');
  return Buffer.from(encoded, 'base64');
}

function hmac(key: Buffer, id: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** The `webhook-signature` value: one `v1,` entry per secret, space-separated. */
export function signWebhook(
  secret: string | readonly string[],
  webhookId: string,
  timestamp: number | string,
  body: string | Uint8Array,
): string {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0) throw new TypeError('at least one secret is needed to sign');
  return secrets.map((s) => `v1,${hmac(secretKey(s), webhookId, String(timestamp), body).toString('base64')}`).join(' ');
}

export interface WebhookMessage {
  /** Stable across retries of one delivery: receivers deduplicate on it. */
  webhookId: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  /** The exact bytes sent: the signature covers them. */
  body: string;
}

/** The three Standard Webhooks headers for one attempt. */
export function webhookHeaders(secret: string | readonly string[], message: WebhookMessage): Record<string, string> {
  if (!/^[\x21-\x7e]+$/.test(message.webhookId)) throw new TypeError('webhookId must be printable ASCII without spaces');
  if (!Number.isInteger(message.timestamp) || message.timestamp < 0) throw new TypeError('timestamp must be unix seconds');
  return {
    'webhook-id': message.webhookId,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': signWebhook(secret, message.webhookId, message.timestamp, message.body),
  };
}

export type WebhookVerificationFailure =
  'invalid-secret' | 'missing-header' | 'invalid-timestamp' | 'timestamp-too-old' | 'timestamp-too-new' | 'invalid-signature';

/** A delivery that must be refused (answer 400/401): retrying the same bytes will not help. */
export class WebhookVerificationError extends Error {
  constructor(
    readonly code: WebhookVerificationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** Node's `IncomingHttpHeaders`, a plain object with any casing, or a fetch `Headers`. */
export type WebhookHeaders = { get(name: string): string | null } | Record<string, string | readonly string[] | undefined>;

function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | readonly string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return typeof value === 'string' ? value : value?.[0];
}

export interface VerifyWebhookOptions {
  /**
   * Largest gap between `webhook-timestamp` and `now`, either way, against replays.
   * @defaultValue 300
   */
  toleranceSec?: number;
  /**
   * The receiver's clock.
   * @defaultValue the current time
   */
  now?: Date | number;
}

/**
 * Verifies a delivery as the spec describes: all three headers present, the timestamp within the
 * tolerance, and one `v1` entry equal (in constant time) to the HMAC of the raw body. Returns the
 * message id (deduplicate on it) and timestamp; throws `WebhookVerificationError` otherwise.
 * Pass the body exactly as received: re-serialised JSON will not match.
 */
export function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  rawBody: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): { webhookId: string; timestamp: number } {
  const key = secretKey(secret);
  const id = readHeader(headers, 'webhook-id');
  const timestamp = readHeader(headers, 'webhook-timestamp');
  const signature = readHeader(headers, 'webhook-signature');
  if (!id || !timestamp || !signature) {
    throw new WebhookVerificationError('missing-header', 'webhook-id, webhook-timestamp and webhook-signature are required');
  }
  if (!/^\d{1,15}$/.test(timestamp)) throw new WebhookVerificationError('invalid-timestamp', 'webhook-timestamp is not unix seconds');
  const toleranceSec = options.toleranceSec ?? 300;
  const nowMs = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  const skewSec = Math.floor(nowMs / 1000) - Number(timestamp);
  if (skewSec > toleranceSec) throw new WebhookVerificationError('timestamp-too-old', 'webhook-timestamp is too old');
  if (skewSec < -toleranceSec) throw new WebhookVerificationError('timestamp-too-new', 'webhook-timestamp is in the future');

  const expected = hmac(key, id, timestamp, rawBody);
  for (const entry of signature.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { webhookId: id, timestamp: Number(timestamp) };
  }
  throw new WebhookVerificationError('invalid-signature', 'no v1 signature matches');
}
