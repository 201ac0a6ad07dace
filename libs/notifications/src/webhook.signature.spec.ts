import { createHmac } from 'node:crypto';
import {
  generateWebhookSecret,
  isValidWebhookSecret,
  signWebhook,
  verifyWebhook,
  WebhookVerificationError,
  webhookHeaders,
} from './webhook.signature';

// The example from the Standard Webhooks reference libraries' test suites.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT_VECTOR = VECTOR.timestamp * 1000;

function headersFor(signature: string, id = VECTOR.id, timestamp = String(VECTOR.timestamp)) {
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
}

function failure(run: () => unknown): WebhookVerificationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return error as WebhookVerificationError;
  }
  throw new Error('expected a WebhookVerificationError');
}

describe('signWebhook', () => {
  it("matches the reference libraries' test vector", () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, Buffer.from(VECTOR.body))).toBe(VECTOR.signature);
  });

  it('signs with every secret while one is being rolled, space-separated', () => {
    const next = generateWebhookSecret();
    const header = signWebhook([VECTOR.secret, next], VECTOR.id, VECTOR.timestamp, VECTOR.body);
    const [first, second] = header.split(' ');
    expect(first).toBe(VECTOR.signature);
    const key = Buffer.from(next.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${VECTOR.id}.${VECTOR.timestamp}.${VECTOR.body}`).digest('base64');
    expect(second).toBe(`v1,${expected}`);
  });

  it('builds the three headers and refuses ids that could break a header', () => {
    const headers = webhookHeaders(VECTOR.secret, { webhookId: VECTOR.id, timestamp: VECTOR.timestamp, body: VECTOR.body });
    expect(headers).toEqual(headersFor(VECTOR.signature));
    expect(() => webhookHeaders(VECTOR.secret, { webhookId: 'a\r\nb', timestamp: 1, body: '' })).toThrow(TypeError);
    expect(() => webhookHeaders(VECTOR.secret, { webhookId: 'a', timestamp: 1.5, body: '' })).toThrow(TypeError);
  });
});

describe('generateWebhookSecret', () => {
  it('is whsec_ + base64 of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(isValidWebhookSecret(a)).toBe(true);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('validates secrets', () => {
    expect(isValidWebhookSecret(VECTOR.secret)).toBe(true); // 24 bytes
    expect(isValidWebhookSecret(VECTOR.secret.slice(6))).toBe(false); // no prefix
    expect(isValidWebhookSecret('whsec_c2hvcnQ=')).toBe(false); // 5 bytes
    expect(isValidWebhookSecret('whsec_not base64 at all!!!!!!!!!!!!!!')).toBe(false);
  });
});

describe('verifyWebhook', () => {
  it('accepts a valid delivery and returns its id and timestamp', () => {
    expect(verifyWebhook(VECTOR.secret, headersFor(VECTOR.signature), VECTOR.body, { now: AT_VECTOR })).toEqual({
      webhookId: VECTOR.id,
      timestamp: VECTOR.timestamp,
    });
  });

  it('accepts any matching entry among several, ignoring other versions', () => {
    const header = `v1a,AAAA v1,Zm9vYmFy ${VECTOR.signature} v2,whatever`;
    expect(verifyWebhook(VECTOR.secret, headersFor(header), VECTOR.body, { now: AT_VECTOR }).webhookId).toBe(VECTOR.id);
  });

  it('reads Headers objects, any casing, array values and Buffer bodies', () => {
    const fetchHeaders = new Headers(headersFor(VECTOR.signature));
    expect(verifyWebhook(VECTOR.secret, fetchHeaders, VECTOR.body, { now: AT_VECTOR }).webhookId).toBe(VECTOR.id);
    const shouting = { 'Webhook-Id': VECTOR.id, 'WEBHOOK-TIMESTAMP': String(VECTOR.timestamp), 'webhook-signature': [VECTOR.signature] };
    expect(verifyWebhook(VECTOR.secret, shouting, Buffer.from(VECTOR.body), { now: new Date(AT_VECTOR) }).webhookId).toBe(VECTOR.id);
  });

  it('accepts the secret without its prefix, as the reference libraries do', () => {
    expect(verifyWebhook(VECTOR.secret.slice(6), headersFor(VECTOR.signature), VECTOR.body, { now: AT_VECTOR }).webhookId).toBe(VECTOR.id);
  });

  it('refuses a tampered body, another id or timestamp, and a wrong secret', () => {
    expect(failure(() => verifyWebhook(VECTOR.secret, headersFor(VECTOR.signature), '{"test": 2432232315}', { now: AT_VECTOR })).code).toBe(
      'invalid-signature',
    );
    expect(
      failure(() => verifyWebhook(VECTOR.secret, headersFor(VECTOR.signature, 'msg_other'), VECTOR.body, { now: AT_VECTOR })).code,
    ).toBe('invalid-signature');
    expect(
      failure(() =>
        verifyWebhook(VECTOR.secret, headersFor(VECTOR.signature, VECTOR.id, String(VECTOR.timestamp + 1)), VECTOR.body, {
          now: AT_VECTOR,
        }),
      ).code,
    ).toBe('invalid-signature');
    expect(failure(() => verifyWebhook(generateWebhookSecret(), headersFor(VECTOR.signature), VECTOR.body, { now: AT_VECTOR })).code).toBe(
      'invalid-signature',
    );
    expect(failure(() => verifyWebhook(VECTOR.secret, headersFor('v1,'), VECTOR.body, { now: AT_VECTOR })).code).toBe('invalid-signature');
  });

  it('refuses timestamps outside the tolerance, either way', () => {
    const late = AT_VECTOR + 301_000;
    expect(failure(() => verifyWebhook(VECTOR.secret, headersFor(VECTOR.signature), VECTOR.body, { now: late })).code).toBe(
      'timestamp-too-old',
    );
    const early = AT_VECTOR - 301_000;
    expect(failure(() => verifyWebhook(VECTOR.secret, headersFor(VECTOR.signature), VECTOR.body, { now: early })).code).toBe(
      'timestamp-too-new',
    );
    expect(verifyWebhook(VECTOR.secret, headersFor(VECTOR.signature), VECTOR.body, { now: late, toleranceSec: 600 }).webhookId).toBe(
      VECTOR.id,
    );
    expect(verifyWebhook(VECTOR.secret, headersFor(VECTOR.signature), VECTOR.body, { now: AT_VECTOR + 300_000 }).webhookId).toBe(VECTOR.id);
  });

  it('refuses missing headers and malformed timestamps', () => {
    const { 'webhook-signature': _, ...noSignature } = headersFor(VECTOR.signature);
    expect(failure(() => verifyWebhook(VECTOR.secret, noSignature, VECTOR.body, { now: AT_VECTOR })).code).toBe('missing-header');
    expect(failure(() => verifyWebhook(VECTOR.secret, {}, VECTOR.body, { now: AT_VECTOR })).code).toBe('missing-header');
    expect(
      failure(() =>
        verifyWebhook(VECTOR.secret, headersFor(VECTOR.signature, VECTOR.id, '2021-02-25T15:02:10Z'), VECTOR.body, { now: AT_VECTOR }),
      ).code,
    ).toBe('invalid-timestamp');
  });

  it('refuses a secret that is not base64', () => {
    expect(failure(() => verifyWebhook('whsec_***', headersFor(VECTOR.signature), VECTOR.body, { now: AT_VECTOR })).code).toBe(
      'invalid-secret',
    );
  });
});
