import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorSchema } from '../../apps/api/src/http/error.schema';
import { startApp, type RunningApp } from '../support/running-app';

const ROOT = join(__dirname, '..', '..');
const JSON_TYPE = { 'content-type': 'application/json' };

/** Sends the bytes as they are: fetch would percent-encode a URL, and Node refuses to send raw UTF-8 in one. */
function rawRequest(baseUrl: string, request: Buffer): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    });
  });
}

describe('one error shape for every 4xx and 5xx', () => {
  let running: RunningApp;
  let configDir: string;
  const api = (path: string, init?: RequestInit) => fetch(running.baseUrl + path, init);
  /** Asserts the status and the error shape (strictly: no other fields), and returns the body. */
  const expectError = async (response: Response | Promise<Response>, status: number, parameter?: string) => {
    const answer = await response;
    const body = (await answer.json()) as { parameter?: string };
    expect({ status: answer.status, parameter: body.parameter }).toEqual({ status, parameter });
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const parsed = errorSchema.parse(body);
    expect(parsed.statusCode).toBe(status);
    expect(parsed.message.length).toBeGreaterThan(10);
    return parsed;
  };

  beforeAll(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'chipwatch-cfg-'));
    copyFileSync(join(ROOT, 'config', 'rules.yaml'), join(configDir, 'rules.yaml'));
    running = await startApp({ CHIPWATCH_CONFIG_DIR: configDir });
  });

  afterAll(async () => {
    await running.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  describe('from body parsing and size limits', () => {
    it('answers a body that is not JSON with 400 naming the body', async () => {
      await expectError(api('/subscriptions', { method: 'POST', headers: JSON_TYPE, body: '{"name": "desk",' }), 400, 'body');
    });

    it('answers an empty JSON body with 400 naming the body', async () => {
      await expectError(api('/subscriptions', { method: 'POST', headers: JSON_TYPE, body: '' }), 400, 'body');
    });

    it('answers a request without a body with 400 naming the body, not its first field', async () => {
      await expectError(api('/subscriptions', { method: 'POST' }), 400, 'body');
    });

    it('answers a body without a Content-Type with 415 naming the header', async () => {
      const body = await expectError(
        api('/subscriptions', { method: 'POST', body: new TextEncoder().encode('{"name":"desk"}') }),
        415,
        'Content-Type',
      );
      expect(body.message).toContain('application/json');
    });

    it('answers a Content-Type the route does not take with 415 listing those it does', async () => {
      await expectError(api('/subscriptions', { method: 'POST', body: 'name=desk' }), 415, 'Content-Type');
      await expectError(
        api('/subscriptions', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' }),
        415,
        'Content-Type',
      );
      const body = await expectError(
        api('/rules/backtest', { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'x' }),
        415,
        'Content-Type',
      );
      expect(body.message).toMatch(/application\/json, text\/yaml/);
    });

    it('answers a body over 1 MiB with 413 naming the body', async () => {
      const huge = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
      await expectError(api('/subscriptions', { method: 'POST', headers: JSON_TYPE, body: huge }), 413, 'body');
    });
  });

  describe('from validation', () => {
    it.each([
      ['a query parameter', '/events?limit=0', 'limit', {}],
      ['an unknown query parameter', '/events?colour=red', 'colour', {}],
      ['a path parameter', '/stories/not-hex', 'id', {}],
      ['a header', '/events/live', 'Last-Event-ID', { 'last-event-id': 'yesterday' }],
    ])('names %s', async (_what, path, parameter, headers: Record<string, string>) => {
      await expectError(api(path, { headers }), 400, parameter);
    });

    it("answers as README.md's example shows", async () => {
      expect(await (await api('/events?limit=0')).json()).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'expected an integer from 1 to 1000',
        parameter: 'limit',
      });
      const { message } = await expectError(api('/events?type=Bogus'), 400, 'type');
      expect(message).toMatch(/^unknown event type "Bogus": expected one of FeedPolled, FeedPollFailed, StoryDiscovered, /);
    });

    it('names the body field, or the unknown one', async () => {
      const post = (body: unknown) => api('/subscriptions', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(body) });
      await expectError(post({ name: 'x', channel: 'email', email: 'a@example.com', colour: 'red' }), 400, 'colour');
      await expectError(post({ name: 'x', channel: 'email', email: 'a@example.com', rules: ['no-such-rule'] }), 400, 'rules.0');
      await expectError(post(['not', 'an', 'object']), 400, 'body');
    });

    it('keeps the located issues of a rejected rules file', async () => {
      const response = api('/rules/backtest', { method: 'POST', headers: { 'content-type': 'text/yaml' }, body: 'rules:\n  - id: x\n' });
      const body = await expectError(response, 400, 'rules');
      expect(body.issues?.[0]).toMatchObject({ line: 2 });
    });
  });

  describe('from closed vocabularies', () => {
    it.each([
      ['/events?type=Bogus', 'type', 'StoryDiscovered'],
      ['/events?type=StoryDiscovered,AlertRasied', 'type', 'AlertRaised'],
      ['/events/live?type=Bogus', 'type', 'FeedPolled'],
      ['/alerts?severity=urgent', 'severity', 'info, low, medium, high, critical'],
      ['/alerts?severity=high,urgent', 'severity', 'info, low, medium, high, critical'],
      ['/alerts.atom?severity=urgent', 'severity', 'critical'],
      ['/alerts?rule=nope', 'rule', 'export-controls-any'],
      ['/alerts.atom?rule=nope', 'rule', 'export-controls-any'],
      ['/stories?language=xx', 'language', 'en, pt, es, fr, de, zh, ja, ko, und'],
      ['/stories?language=eng', 'language', 'und'],
    ])('answers %s with 400 naming %s and the allowed values', async (path, parameter, allowed) => {
      const body = await expectError(api(path), 400, parameter);
      expect(body.message).toContain(allowed);
    });

    it('accepts every event type, every language a story can carry, and a rule that was active once', async () => {
      expect(
        (await api('/events?type=FeedPolled,StoryDiscovered,AlertRaised,NotificationFailed,SubscriptionCreated,RuleSetActivated')).status,
      ).toBe(200);
      expect((await api('/stories?language=ru')).status).toBe(200);
      expect((await api('/stories?language=und')).status).toBe(200);
      await running.store.append('ruleset', [
        { type: 'RuleSetActivated', data: { hash: 'retired', ruleIds: ['retired-rule'], source: 'test' } },
      ]);
      expect((await api('/alerts?rule=retired-rule')).status).toBe(200);
      expect((await api('/alerts?rule=export-controls-any&severity=high,critical')).status).toBe(200);
    });
  });

  describe('from the router', () => {
    it('answers an unknown path with 404', async () => {
      const body = await expectError(api('/nope'), 404);
      expect(body.message).toContain('/docs/openapi.json');
    });

    it('answers a known path asked with another method with 405 and Allow', async () => {
      const response = await api('/events', { method: 'DELETE' });
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      await expectError(response, 405);
      const subscription = await api('/subscriptions/sub_0123456789abcdef0123', { method: 'PUT', headers: JSON_TYPE, body: '{}' });
      expect(subscription.headers.get('allow')).toBe('GET, HEAD, PATCH, DELETE');
      await expectError(subscription, 405);
      expect((await api('/feeds/one', { method: 'POST' })).headers.get('allow')).toBe('GET, HEAD');
    });

    it('answers a missing resource with 404 from its service, in the same shape', async () => {
      await expectError(api('/stories/0123456789abcdef01234567'), 404);
      await expectError(api('/subscriptions/sub_0123456789abcdef0123'), 404);
      await expectError(api('/feeds/nope/poll', { method: 'POST' }), 404);
    });
  });

  describe('from the HTTP parser', () => {
    it('answers raw UTF-8 in the query with 400 naming the parameter and how to encode it', async () => {
      const answer = await rawRequest(running.baseUrl, Buffer.from('GET /stories?limit=5&q=中国 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8'));
      expect(answer.status).toBe(400);
      const body = errorSchema.parse(JSON.parse(answer.body));
      expect(body.parameter).toBe('q');
      expect(body.message).toContain('%E4%B8%AD%E5%9B%BD');
    });

    it('takes the same text percent-encoded', async () => {
      expect((await api(`/stories?q=${encodeURIComponent('中国')}`)).status).toBe(200);
    });
  });
});

describe('the error shape from the auth hook and unexpected failures', () => {
  it('answers a missing key with 401 naming the Authorization header', async () => {
    const running = await startApp({ CHIPWATCH_API_KEYS: 'k'.repeat(24) });
    try {
      for (const path of ['/events', '/nope']) {
        const response = await fetch(running.baseUrl + path);
        expect(response.status).toBe(401);
        expect(errorSchema.parse(await response.json())).toMatchObject({
          statusCode: 401,
          error: 'Unauthorized',
          parameter: 'Authorization',
        });
      }
    } finally {
      await running.close();
    }
  });

  it('answers a failure nobody expected with 500 and the request id, without details', async () => {
    const running = await startApp();
    try {
      await running.store.close();
      const response = await fetch(`${running.baseUrl}/events`, { headers: { 'x-request-id': 'trace-500' } });
      expect(response.status).toBe(500);
      expect(errorSchema.parse(await response.json())).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'internal error; the log has it under request id trace-500',
      });
    } finally {
      await running.close();
    }
  });
});
