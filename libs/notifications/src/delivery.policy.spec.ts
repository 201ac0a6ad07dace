import { DeliveryError } from './delivery.error';
import { DEFAULT_RETRY_POLICY, nextAttempt, parseRetryAfter, retrySchedule } from './delivery.policy';

const middle = () => 0.5; // no jitter: the nominal delay
const MIN = 60_000;

/** A small deterministic PRNG (mulberry32), so a whole schedule's jitter is reproducible. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('nextAttempt: default schedule', () => {
  it('is 8 attempts with doubling delays from 30 s, capped at 30 min, about an hour in all', () => {
    expect(DEFAULT_RETRY_POLICY.attempts).toBe(8);
    const schedule = retrySchedule();
    expect(schedule).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000]);
    const total = schedule.reduce((a, b) => a + b, 0);
    expect(total).toBe(61.5 * MIN);
  });

  it('walks the whole schedule: 7 retries, then exhausted after the 8th attempt', () => {
    const delays: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const next = nextAttempt({ attempt, status: 503, random: middle });
      if (next.final) {
        expect(next).toEqual({ final: true, delivered: false, reason: 'exhausted' });
        expect(attempt).toBe(8);
        break;
      }
      delays.push(next.delayMs!);
    }
    expect(delays).toEqual(retrySchedule());
  });

  it('jitters each delay within ±20 % (never past maxMs), deterministically for a given random source', () => {
    const run = (random: () => number) =>
      Array.from({ length: 7 }, (_, i) => nextAttempt({ attempt: i + 1, error: new Error('ECONNRESET'), random }).delayMs!);
    const a = run(seeded(42));
    expect(run(seeded(42))).toEqual(a);
    expect(run(seeded(7))).not.toEqual(a);
    a.forEach((delay, i) => {
      const nominal = retrySchedule()[i];
      expect(delay).toBeGreaterThanOrEqual(nominal * 0.8);
      expect(delay).toBeLessThanOrEqual(Math.min(nominal * 1.2, DEFAULT_RETRY_POLICY.maxMs));
    });
    const total = a.reduce((x, y) => x + y, 0);
    expect(total).toBeGreaterThan(45 * MIN);
    expect(total).toBeLessThan(75 * MIN);
  });

  it('maps the ends of the random range to 80 % and 120 % of the nominal delay', () => {
    expect(nextAttempt({ attempt: 1, status: 500, random: () => 0 }).delayMs).toBe(24_000);
    expect(nextAttempt({ attempt: 1, status: 500, random: () => 0.999999 }).delayMs).toBe(36_000);
  });

  it('is configurable', () => {
    const policy = { attempts: 3, baseMs: 1000, maxMs: 1500, jitter: 0 };
    expect(retrySchedule(policy)).toEqual([1000, 1500]);
    expect(nextAttempt({ attempt: 2, status: 502, random: middle }, policy).delayMs).toBe(1500);
    expect(nextAttempt({ attempt: 3, status: 502, random: middle }, policy).reason).toBe('exhausted');
    expect(() => nextAttempt({ attempt: 1, status: 500, random: middle }, { attempts: 0 })).toThrow(RangeError);
  });
});

describe('nextAttempt: what is retried', () => {
  it.each([200, 201, 202, 204, 299])('%i is delivered', (status) => {
    expect(nextAttempt({ attempt: 1, status, random: middle })).toEqual({ final: true, delivered: true, reason: 'delivered' });
  });

  it.each([408, 429, 500, 502, 503, 504])('%i is retried', (status) => {
    const next = nextAttempt({ attempt: 1, status, random: middle });
    expect(next).toEqual({ final: false, delivered: false, reason: 'retry', delayMs: 30_000 });
  });

  it.each([400, 401, 403, 404, 405, 410, 413, 422, 301, 302, 307, 308])('%i is final', (status) => {
    expect(nextAttempt({ attempt: 1, status, random: middle })).toEqual({ final: true, delivered: false, reason: 'permanent' });
  });

  it.each(['timeout', 'connection', 'dns', 'tls', 'smtp'] as const)('a %s error is retried', (code) => {
    expect(nextAttempt({ attempt: 1, error: new DeliveryError(code, code), random: middle }).reason).toBe('retry');
  });

  it.each(['ssrf-refused', 'redirect', 'invalid-target', 'smtp-rejected'] as const)('a %s error is final', (code) => {
    expect(nextAttempt({ attempt: 1, error: new DeliveryError(code, code), random: middle }).reason).toBe('permanent');
  });

  it('retries an error it does not know, rather than dropping the notification', () => {
    expect(nextAttempt({ attempt: 1, error: new TypeError('boom'), random: middle }).reason).toBe('retry');
  });

  it("reads the status and Retry-After from a DeliveryError's details", () => {
    const gone = new DeliveryError('http-4xx', 'HTTP 410', { status: 410 });
    expect(nextAttempt({ attempt: 1, error: gone, random: middle }).reason).toBe('permanent');
    const limited = new DeliveryError('http-4xx', 'HTTP 429', { status: 429, retryAfter: '120' });
    expect(nextAttempt({ attempt: 1, error: limited, random: middle })).toMatchObject({ reason: 'retry', delayMs: 120_000 });
  });

  it('needs a status or an error', () => {
    expect(() => nextAttempt({ attempt: 1, random: middle })).toThrow(TypeError);
    expect(() => nextAttempt({ attempt: 0, status: 500, random: middle })).toThrow(RangeError);
    expect(() => nextAttempt({ attempt: 1, status: 500, random: () => 1 })).toThrow(RangeError);
  });
});

describe('nextAttempt: Retry-After', () => {
  const now = Date.parse('2025-06-02T10:00:00Z');

  it('waits at least as long as delta-seconds ask', () => {
    expect(nextAttempt({ attempt: 1, status: 429, retryAfter: '600', random: middle }).delayMs).toBe(600_000);
    expect(nextAttempt({ attempt: 1, status: 503, retryAfter: 90, random: middle }).delayMs).toBe(90_000);
  });

  it('reads an HTTP date against the given now', () => {
    const next = nextAttempt({ attempt: 1, status: 503, retryAfter: 'Mon, 02 Jun 2025 10:10:00 GMT', now, random: middle });
    expect(next.delayMs).toBe(600_000);
  });

  it('never retries sooner than the backoff, even when Retry-After says 0 or a past date', () => {
    expect(nextAttempt({ attempt: 4, status: 503, retryAfter: '0', random: middle }).delayMs).toBe(240_000);
    const past = nextAttempt({ attempt: 2, status: 503, retryAfter: 'Mon, 02 Jun 2025 09:00:00 GMT', now, random: middle });
    expect(past.delayMs).toBe(60_000);
  });

  it('caps a long Retry-After at maxRetryAfterMs (1 h by default)', () => {
    expect(nextAttempt({ attempt: 1, status: 429, retryAfter: '86400', random: middle }).delayMs).toBe(60 * MIN);
    expect(nextAttempt({ attempt: 1, status: 429, retryAfter: '86400', random: middle }, { maxRetryAfterMs: 5000 }).delayMs).toBe(5000);
  });

  it('does not turn a final answer into a retry', () => {
    expect(nextAttempt({ attempt: 1, status: 403, retryAfter: '10', random: middle }).reason).toBe('permanent');
  });

  it('ignores an unreadable value and falls back to the backoff', () => {
    expect(nextAttempt({ attempt: 1, status: 503, retryAfter: 'soon', random: middle }).delayMs).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and dates', () => {
    expect(parseRetryAfter(' 120 ')).toBe(120_000);
    expect(parseRetryAfter('Mon, 02 Jun 2025 10:00:30 GMT', new Date('2025-06-02T10:00:00Z'))).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Jun 2025 09:00:00 GMT', new Date('2025-06-02T10:00:00Z'))).toBe(0);
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('refuses to read a date without a clock rather than reading the system one', () => {
    expect(() => parseRetryAfter('Mon, 02 Jun 2025 10:00:30 GMT')).toThrow(TypeError);
  });
});
