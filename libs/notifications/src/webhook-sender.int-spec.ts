import { createHmac, timingSafeEqual } from 'node:crypto';
import { AddressInfo, createServer, Socket } from 'node:net';
import { DeliveryError } from './delivery.error';
import { nextAttempt } from './delivery.policy';
import { assertPublicTarget, HostResolver } from './target.guard';
import { closedPort, HttpReceiver, ReceivedRequest, startReceiver } from './testing/http-receiver';
import { alertNotice } from './testing/alert-notice.fixture';
import { serializeWebhookPayload, type WebhookPayload } from './webhook.payload';
import { generateWebhookSecret } from './webhook.signature';
import { WebhookSender } from './webhook-sender.adapter';

/**
 * Verification written from the Standard Webhooks spec text, independently of verifyWebhook:
 * key = base64-decode(secret without "whsec_"); signed content = "{id}.{timestamp}.{body}";
 * signature = base64(HMAC-SHA256(key, content)); the header holds space-delimited "v1,<sig>".
 */
function specVerify(secret: string, request: ReceivedRequest): boolean {
  const id = request.headers['webhook-id'] as string;
  const timestamp = request.headers['webhook-timestamp'] as string;
  const header = request.headers['webhook-signature'] as string;
  if (!id || !timestamp || !header) return false;
  const key = Buffer.from(secret.split('_')[1], 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.raw}`).digest();
  return header.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

interface DroppingReceiver {
  origin: string;
  connections: number;
  /** Every request read, answered or not, as `{ webhookId, body }`. */
  requests: Array<{ webhookId: string | undefined; body: string }>;
  close(): Promise<void>;
}

/**
 * A raw TCP receiver on 127.0.0.1 that reads each whole request and then, as
 * `turn(connection, requestOnIt)` says, answers 204 or drops the connection without a byte back
 * (FIN: undici's "other side closed").
 */
async function startDroppingReceiver(turn: (connection: number, request: number) => 'answer' | 'close'): Promise<DroppingReceiver> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    const connection = ++state.connections;
    let onThis = 0;
    let buffered = Buffer.alloc(0);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const body = buffered.subarray(end + 4, end + 4 + length).toString('utf8');
        buffered = buffered.subarray(end + 4 + length);
        state.requests.push({ webhookId: /^webhook-id:\s*(.+)$/im.exec(head)?.[1]?.trim(), body });
        if (turn(connection, ++onThis) === 'close') return void socket.destroy();
        socket.write('HTTP/1.1 204 No Content\r\n\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: DroppingReceiver = {
    origin: `http://127.0.0.1:${port}`,
    connections: 0,
    requests: [],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}

const secret = generateWebhookSecret();
const body = serializeWebhookPayload(alertNotice());
const message = (url: string) => ({ url, secret, webhookId: 'dlv_0f1e2d3c', timestamp: Math.floor(Date.now() / 1000), body });
const middle = () => 0.5;

describe('WebhookSender against real local receivers', () => {
  let receiver: HttpReceiver | undefined;
  let sender: WebhookSender;

  beforeEach(() => {
    // allowPrivate is the escape hatch that lets tests reach 127.0.0.1.
    sender = new WebhookSender({ allowPrivate: true, totalTimeoutMs: 2000, connectTimeoutMs: 1000 });
  });
  afterEach(async () => {
    await sender.close();
    await receiver?.close();
    receiver = undefined;
  });

  it('delivers a signed request that verifies by the spec, body byte for byte', async () => {
    receiver = await startReceiver((_, res) => res.writeHead(204).end());
    const sent = message(`${receiver.origin}/hooks/chipwatch`);
    const result = await sender.send(sent);
    expect(result).toMatchObject({ status: 204, body: '', bodyComplete: true });
    expect(result.ms).toBeGreaterThanOrEqual(0);

    const [request] = receiver.received;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks/chipwatch');
    expect(request.raw).toBe(body);
    expect((JSON.parse(request.raw) as WebhookPayload).story.title).toBe(alertNotice().story.title);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^chipwatch/);
    expect(request.headers['webhook-id']).toBe('dlv_0f1e2d3c');
    expect(request.headers['webhook-timestamp']).toBe(String(sent.timestamp));
    expect(specVerify(secret, request)).toBe(true);
    expect(specVerify(generateWebhookSecret(), request)).toBe(false);
  });

  it('signs with both secrets during a roll, each verifying on its own', async () => {
    receiver = await startReceiver((_, res) => res.writeHead(200).end('ok'));
    const next = generateWebhookSecret();
    const result = await sender.send({ ...message(receiver.origin), secret: [secret, next] });
    expect(result.body).toBe('ok');
    expect(specVerify(secret, receiver.received[0])).toBe(true);
    expect(specVerify(next, receiver.received[0])).toBe(true);
  });

  it('keeps at most maxResponseBytes of the answer', async () => {
    receiver = await startReceiver((_, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(1_000_000)));
    const small = new WebhookSender({ allowPrivate: true, maxResponseBytes: 1024 });
    try {
      const result = await small.send(message(receiver.origin));
      expect(result.body).toHaveLength(1024);
      expect(result.bodyComplete).toBe(false);
    } finally {
      await small.close();
    }
  });

  it.each([
    [404, 'http-4xx', 'permanent'],
    [410, 'http-4xx', 'permanent'],
    [400, 'http-4xx', 'permanent'],
    [408, 'http-4xx', 'retry'],
    [500, 'http-5xx', 'retry'],
    [502, 'http-5xx', 'retry'],
  ] as const)('classifies HTTP %i as %s (%s)', async (status, code, reason) => {
    receiver = await startReceiver((_, res) => res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"nope"}'));
    const error = await deliveryError(sender.send(message(receiver.origin)));
    expect(error).toMatchObject({ code, status, responseBody: '{"error":"nope"}' });
    expect(receiver.received).toHaveLength(1); // an answer is never sent again at once
    expect(nextAttempt({ attempt: 1, error, random: middle }).reason).toBe(reason);
  });

  it('honours Retry-After on 429 (seconds) and 503 (HTTP date)', async () => {
    const at = new Date(Date.now() + 600_000);
    receiver = await startReceiver((request, res) =>
      request.path === '/limited'
        ? res.writeHead(429, { 'retry-after': '120' }).end()
        : res.writeHead(503, { 'retry-after': at.toUTCString() }).end(),
    );
    const limited = await deliveryError(sender.send(message(`${receiver.origin}/limited`)));
    expect(limited).toMatchObject({ code: 'http-4xx', status: 429, retryAfter: '120' });
    expect(nextAttempt({ attempt: 1, error: limited, random: middle })).toMatchObject({ final: false, delayMs: 120_000 });

    const down = await deliveryError(sender.send(message(`${receiver.origin}/down`)));
    expect(down).toMatchObject({ code: 'http-5xx', status: 503 });
    const next = nextAttempt({ attempt: 1, error: down, now: Date.now(), random: middle });
    expect(next.delayMs).toBeGreaterThan(590_000);
    expect(next.delayMs).toBeLessThanOrEqual(600_000);
  });

  it('does not follow a redirect, and says where it pointed without its secrets', async () => {
    receiver = await startReceiver((_, res) => res.writeHead(302, { location: '/moved?token=s3cret' }).end());
    const error = await deliveryError(sender.send(message(`${receiver.origin}/old`)));
    expect(error).toMatchObject({ code: 'redirect', status: 302 });
    expect(error.message).toContain(`to ${receiver.origin}/moved?token=***`);
    expect(error.message).not.toContain('s3cret');
    expect(receiver.received.map((r) => r.path)).toEqual(['/old']);
    expect(nextAttempt({ attempt: 1, error, random: middle }).reason).toBe('permanent');
  });

  it('times out a receiver that never answers', async () => {
    receiver = await startReceiver(() => undefined);
    const quick = new WebhookSender({ allowPrivate: true, totalTimeoutMs: 300 });
    try {
      const error = await deliveryError(quick.send(message(receiver.origin)));
      expect(error.code).toBe('timeout');
      expect(error.ms).toBeGreaterThanOrEqual(290);
      expect(nextAttempt({ attempt: 1, error, random: middle }).reason).toBe('retry');
    } finally {
      await quick.close();
    }
  });

  it('counts a 2xx whose body drips past the time budget as delivered, noting the cut body', async () => {
    const drips: NodeJS.Timeout[] = [];
    receiver = await startReceiver((_, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('accepted');
      const drip = setInterval(() => res.write('.'), 50);
      drips.push(drip);
      res.on('close', () => clearInterval(drip));
    });
    const quick = new WebhookSender({ allowPrivate: true, totalTimeoutMs: 300 });
    try {
      const result = await quick.send(message(receiver.origin));
      expect(result.status).toBe(200);
      expect(result.bodyComplete).toBe(false);
      expect(result.body.startsWith('accepted')).toBe(true);
      expect(result.ms).toBeGreaterThanOrEqual(290);
    } finally {
      drips.forEach(clearInterval);
      await quick.close();
    }
  });

  it('classifies a refused connection as a retryable connection error', async () => {
    const port = await closedPort();
    const error = await deliveryError(sender.send(message(`http://127.0.0.1:${port}/`)));
    expect(error.code).toBe('connection');
    expect(nextAttempt({ attempt: 1, error, random: middle }).reason).toBe('retry');
  });

  it('sends again at once, on a new connection, when the receiver drops the request unanswered', async () => {
    const dropping = await startDroppingReceiver((connection) => (connection === 1 ? 'close' : 'answer'));
    try {
      const result = await sender.send(message(`${dropping.origin}/hook`));
      expect(result.status).toBe(204);
      expect(dropping.connections).toBe(2);
      // Same id and body both times: the receiver deduplicates on webhook-id.
      expect(dropping.requests).toEqual([
        { webhookId: 'dlv_0f1e2d3c', body },
        { webhookId: 'dlv_0f1e2d3c', body },
      ]);
    } finally {
      await dropping.close();
    }
  });

  it('sends again at once when a reused keep-alive connection is dropped (the idle-close race)', async () => {
    const dropping = await startDroppingReceiver((connection, request) => (connection === 1 && request === 2 ? 'close' : 'answer'));
    try {
      expect((await sender.send(message(dropping.origin))).status).toBe(204);
      // undici frees the connection a turn after the answer; 3 requests below show it was reused.
      await new Promise((resolve) => setImmediate(resolve));
      expect((await sender.send(message(dropping.origin))).status).toBe(204);
      expect(dropping.connections).toBe(2);
      expect(dropping.requests).toHaveLength(3);
    } finally {
      await dropping.close();
    }
  });

  it('reports a retryable connection error after two dropped attempts, without waiting for the timeout', async () => {
    const dropping = await startDroppingReceiver(() => 'close');
    const patient = new WebhookSender({ allowPrivate: true, totalTimeoutMs: 10_000 });
    try {
      const error = await deliveryError(patient.send(message(dropping.origin)));
      expect(error.code).toBe('connection');
      expect(error.message).toContain('UND_ERR_SOCKET');
      expect(error.ms).toBeLessThan(3000);
      expect(nextAttempt({ attempt: 1, error, random: middle }).reason).toBe('retry');
      expect(dropping.connections).toBe(2);
      expect(dropping.requests).toHaveLength(2);
    } finally {
      await patient.close();
      await dropping.close();
    }
  });

  it('times out a connection whose DNS never answers', async () => {
    const never: HostResolver = () => new Promise(() => undefined);
    const quick = new WebhookSender({ allowPrivate: true, connectTimeoutMs: 200, lookup: never });
    try {
      expect((await deliveryError(quick.send(message('http://stuck.test:9/')))).code).toBe('timeout');
    } finally {
      await quick.close();
    }
  });

  it('sends URL credentials as Basic auth and never shows them', async () => {
    receiver = await startReceiver((_, res) => res.writeHead(500).end());
    const error = await deliveryError(sender.send(message(`http://hook-user:p%40ss@127.0.0.1:${receiver.port}/in`)));
    expect(receiver.received[0].headers.authorization).toBe(`Basic ${Buffer.from('hook-user:p@ss').toString('base64')}`);
    expect(error.message).not.toMatch(/hook-user|p%40ss|p@ss/);
    expect(error.message).toContain(`http://***@127.0.0.1:${receiver.port}/in`);
  });
});

describe('WebhookSender SSRF guard', () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startReceiver((_, res) => res.writeHead(204).end());
  });
  afterAll(() => receiver.close());
  afterEach(() => {
    // No refused attempt may have reached the receiver.
    expect(receiver.received).toHaveLength(0);
  });

  async function refused(url: string, lookup?: HostResolver): Promise<DeliveryError> {
    const sender = new WebhookSender({ lookup });
    try {
      return await deliveryError(sender.send(message(url)));
    } finally {
      await sender.close();
    }
  }

  it.each([
    ['loopback', () => `http://127.0.0.1:${receiver.port}/`],
    ['IPv6 loopback', () => `http://[::1]:${receiver.port}/`],
    ['10/8', () => 'http://10.1.2.3/hook'],
    ['192.168/16', () => 'http://192.168.0.10/hook'],
    ['the metadata service', () => 'http://169.254.169.254/latest/meta-data/iam/'],
    ['the IPv6 metadata service', () => 'http://[fd00:ec2::254]/'],
    ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${receiver.port}/`],
    ['localhost', () => `http://localhost:${receiver.port}/`],
  ])('refuses %s before connecting', async (_, url) => {
    const error = await refused(url());
    expect(error.code).toBe('ssrf-refused');
    expect(nextAttempt({ attempt: 1, error, random: middle }).reason).toBe('permanent');
  });

  it('refuses a host name that resolves to 127.0.0.1, at connect time', async () => {
    const toLoopback: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const error = await refused(`http://receiver.test:${receiver.port}/`, toLoopback);
    expect(error.code).toBe('ssrf-refused');
    expect(error.message).toContain('receiver.test resolves to 127.0.0.1');
  });

  it('defeats DNS rebinding: a name that was public when saved but points inside at delivery', async () => {
    let calls = 0;
    const rebinding: HostResolver = async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    const url = `http://rebind.test:${receiver.port}/`;
    await expect(assertPublicTarget(url, { lookup: rebinding })).resolves.toMatchObject({
      addresses: [{ address: '93.184.216.34', family: 4 }],
    });
    expect((await refused(url, rebinding)).code).toBe('ssrf-refused');
    expect(calls).toBe(2);
  });

  it('with allowPrivate, connects to exactly the address the injected lookup returned', async () => {
    const toLoopback: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const sender = new WebhookSender({ allowPrivate: true, lookup: toLoopback });
    try {
      const result = await sender.send(message(`http://receiver.test:${receiver.port}/pinned`));
      expect(result.status).toBe(204);
      expect(receiver.received.map((r) => [r.path, r.headers.host])).toEqual([['/pinned', `receiver.test:${receiver.port}`]]);
    } finally {
      await sender.close();
      receiver.received.length = 0;
    }
  });

  it('refuses other schemes', async () => {
    expect((await refused('ftp://example.com/hook')).code).toBe('invalid-target');
  });
});
