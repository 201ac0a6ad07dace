import { DeliveryError } from './delivery.error';
import { nextAttempt } from './delivery.policy';
import { buildSlackMessage, type SlackMessage } from './slack.message';
import { SlackSender } from './slack-sender.adapter';
import { alertNotice } from './testing/alert-notice.fixture';
import { HttpReceiver, startReceiver } from './testing/http-receiver';

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

const middle = () => 0.5;
const SECRET_PATH = '/services/T0A1B2C3D/B0E4F5G6H/abcdEFGHijklMNOPqrstUVWX';

describe('SlackSender against a local Slack-like receiver', () => {
  let receiver: HttpReceiver;
  let sender: SlackSender;

  beforeAll(async () => {
    // Answers the way Slack's incoming webhooks do.
    receiver = await startReceiver((request, res) => {
      if (request.path === SECRET_PATH) return res.writeHead(200, { 'content-type': 'text/html' }).end('ok');
      if (request.path.endsWith('/revoked')) return res.writeHead(404).end('no_service');
      if (request.path.endsWith('/archived')) return res.writeHead(410).end('channel_is_archived');
      if (request.path.endsWith('/busy')) return res.writeHead(429, { 'retry-after': '30' }).end('rate_limited');
      res.writeHead(400).end('invalid_payload');
    });
    sender = new SlackSender({ allowPrivate: true });
  });
  afterAll(async () => {
    await sender.close();
    await receiver.close();
  });

  it('posts the Block Kit message as JSON', async () => {
    const message = buildSlackMessage(alertNotice());
    const result = await sender.send({ url: receiver.origin + SECRET_PATH, message });
    expect(result).toMatchObject({ status: 200, body: 'ok' });
    const request = receiver.received.at(-1)!;
    expect(request.headers['content-type']).toBe('application/json');
    const posted = JSON.parse(request.raw) as SlackMessage;
    expect(posted).toEqual(message);
    expect(posted.text).toContain('&amp; &lt;B30A&gt;');
    expect(posted.blocks.map((b) => b.type)).toEqual(['section', 'section', 'context']);
  });

  it.each([
    ['/revoked', 404, 'permanent'],
    ['/archived', 410, 'permanent'],
    ['/bad', 400, 'permanent'],
  ] as const)('treats %s (HTTP %i) as %s', async (path, status, reason) => {
    const error = await deliveryError(sender.send({ url: receiver.origin + path, message: buildSlackMessage(alertNotice()) }));
    expect(error).toMatchObject({ code: 'http-4xx', status });
    expect(nextAttempt({ attempt: 1, error, random: middle }).reason).toBe(reason);
  });

  it('retries a rate limit after Retry-After', async () => {
    const error = await deliveryError(sender.send({ url: `${receiver.origin}/busy`, message: buildSlackMessage(alertNotice()) }));
    expect(error).toMatchObject({ status: 429, retryAfter: '30', responseBody: 'rate_limited' });
    expect(nextAttempt({ attempt: 1, error, random: middle })).toMatchObject({ final: false, delayMs: 30_000 });
  });

  it('is behind the same SSRF guard as webhooks', async () => {
    const guarded = new SlackSender();
    const before = receiver.received.length;
    try {
      const error = await deliveryError(guarded.send({ url: receiver.origin + SECRET_PATH, message: buildSlackMessage(alertNotice()) }));
      expect(error.code).toBe('ssrf-refused');
      expect(error.message).not.toContain('abcdEFGHijklMNOPqrstUVWX');
      expect(receiver.received.length).toBe(before);
    } finally {
      await guarded.close();
    }
  });
});
