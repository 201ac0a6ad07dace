import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Parser from 'rss-parser';
import { SMTPServer } from 'smtp-server';
import type { AlertPage, AlertView, BacktestReport, Rule } from '@chipwatch/alerts';
import type { ConfigIssue } from '@chipwatch/config';
import type { RecordedEvent } from '@chipwatch/event-store';
import type { CreatedSubscription } from '@chipwatch/notifications';
import type { StoryView } from '@chipwatch/stories';
import type { ErrorBody as BadRequestBody } from '../../apps/api/src/http/error.schema';
import { FeedServer, rss } from '../support/feed-server';
import { startApp, type RunningApp } from '../support/running-app';
import { eventsOf, waitFor, waitForEvents } from '../support/wait-for';
import { onTopicStory } from '../support/generated-news';
import { verifyStandardWebhook, WebhookReceiver, type ReceivedHook } from '../support/webhook-receiver';

const distinct = (hooks: readonly ReceivedHook[]) => new Set(hooks.map((hook) => hook.body?.story?.title)).size;
const pick = (object: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((key) => [key, object[key]]));

/** POST /subscriptions for a webhook: the subscription with its signing secret, shown only here. */
type CreatedWebhook = CreatedSubscription & { secret: string };

/** GET /alerts/:id: the alert with its provenance (apps/api AlertReaderService.get). */
interface AlertDetail {
  alert: AlertView;
  rule: { id: string; hash: string; activeDefinition: Rule | null };
  story: StoryView | null;
  classification: StoryView['classification'];
  storyEvents: RecordedEvent[];
  events: RecordedEvent[];
  deliveries: RecordedEvent[];
}

/** GET /rules (apps/api RulesService.active). */
interface ActiveRulesAnswer {
  hash: string;
  activatedAt: string;
  source: string;
  rules: Rule[];
}

/** A 400 for a config text that cannot be used: every located issue (apps/api http/config-error.ts). */
interface ConfigRejection extends BadRequestBody {
  issues: Pick<ConfigIssue, 'line' | 'column' | 'key' | 'message'>[];
}

const ROOT = join(__dirname, '..', '..');
const ENTITY_LIST = {
  title: 'US adds 140 Chinese chip firms to Entity List in new export controls on AI chips',
  description: 'The Commerce Department said the entity listings target companies supplying Huawei and SMIC with advanced semiconductors.',
  link: 'http://news.test/entity-list',
};
const SMUGGLING = {
  title: 'Singapore charges three over diversion of Nvidia AI servers to China in breach of US export controls',
  description: 'Prosecutors say servers containing Nvidia GPUs were shipped via Malaysia to evade the export restrictions.',
  link: 'http://news.test/smuggling',
};
const OFF_TOPIC = {
  title: 'How to export your photos to a USB stick',
  description: 'A short guide to the export menu.',
  link: 'http://news.test/photos',
};

describe('alerts and delivery through the running app', () => {
  let feeds: FeedServer;
  let receiver: WebhookReceiver;
  let configDir: string;
  let dataDir: string;
  let running: RunningApp | undefined;
  let items: { title: string; description: string; link: string; guid?: string }[];
  let secondFeedItems: typeof items;

  const start = async (extra: Record<string, string> = {}) =>
    (running = await startApp(
      {
        CHIPWATCH_CONFIG_DIR: configDir,
        CHIPWATCH_DATA_DIR: dataDir,
        CHIPWATCH_WEBHOOK_ALLOW_PRIVATE: '1',
        CHIPWATCH_DELIVERY_BACKOFF_MS: '200',
        ...extra,
      },
      'all',
    ));
  const stop = async () => {
    await running?.close();
    running = undefined;
  };
  const api = (path: string, init?: RequestInit) => fetch(running!.baseUrl + path, init);
  const json = async <T = unknown>(path: string, init?: RequestInit): Promise<T> => (await (await api(path, init)).json()) as T;
  /** The answer's body as `Body`: the subscription (201), or a `BadRequestBody` where a test expects a 400. */
  const subscribe = async <Body = CreatedSubscription>(body: Record<string, unknown>) => {
    const response = await api('/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Body };
  };

  beforeEach(async () => {
    items = [];
    secondFeedItems = [];
    feeds = await new FeedServer().start();
    feeds.feed('/one.xml', () => rss(items));
    feeds.feed('/two.xml', () => rss(secondFeedItems));
    receiver = await new WebhookReceiver().start();
    configDir = mkdtempSync(join(tmpdir(), 'chipwatch-cfg-'));
    dataDir = mkdtempSync(join(tmpdir(), 'chipwatch-data-'));
    for (const file of ['classifier.yaml', 'rules.yaml']) copyFileSync(join(ROOT, 'config', file), join(configDir, file));
    writeFileSync(
      join(configDir, 'feeds.yaml'),
      `feeds:\n  - { id: one, url: "${feeds.url('/one.xml')}", interval: 1s }\n  - { id: two, url: "${feeds.url('/two.xml')}", interval: 1s }\n`,
    );
  });

  afterEach(async () => {
    await stop();
    await feeds.stop();
    await receiver.stop();
    rmSync(configDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers one signed notification per story cluster, with every matching rule, and none for off-topic stories', async () => {
    await start();
    const { status, body: subscription } = await subscribe<CreatedWebhook>({
      name: 'desk',
      channel: 'webhook',
      url: receiver.url,
      minSeverity: 'info',
    });
    expect(status).toBe(201);
    expect(subscription.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
    expect(Buffer.from(subscription.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);

    items = [ENTITY_LIST, OFF_TOPIC];
    // The same story reaches a second feed under another link form and a slightly different headline.
    secondFeedItems = [{ ...ENTITY_LIST, title: `${ENTITY_LIST.title}.`, link: 'http://news.test/entity-list?utm_source=x#top' }];
    await waitFor('one delivery', () => receiver.received.length >= 1);
    await waitForEvents(running!.store, 'NotificationDelivered', 1);
    items = [ENTITY_LIST, OFF_TOPIC, SMUGGLING];
    await waitFor('two deliveries', () => receiver.received.length >= 2);
    await waitForEvents(running!.store, 'FeedPolled', 6);

    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    for (const hook of receiver.received) expect(verifyStandardWebhook(subscription.secret, hook)).toBe(true);
    expect(first.headers['webhook-id']).not.toBe(second.headers['webhook-id']);
    expect(first.body).toMatchObject({
      type: 'alert.raised',
      alert: {
        alertId: expect.any(String) as string,
        clusterId: expect.any(String) as string,
        ruleId: 'new-restrictions',
        severity: 'high',
        raisedAt: expect.any(String) as string,
      },
      story: {
        storyId: expect.any(String) as string,
        title: ENTITY_LIST.title,
        url: ENTITY_LIST.link,
        feedId: expect.any(String) as string,
        language: 'en',
      },
      classification: {
        score: expect.any(Number) as number,
        subtopics: expect.any(Array) as string[],
        entities: expect.any(Object) as object,
        evidence: expect.any(Array) as unknown[],
      },
    });
    expect(first.body.alert.id).toBe(first.body.alert.alertId);
    expect(first.body.story.id).toBe(first.body.story.storyId);
    expect(first.body.alert.ruleIds).toEqual(expect.arrayContaining(['new-restrictions', 'export-controls-any']));

    // The alert the webhook names is the one REST knows, with the same fields and severity.
    const named = (await json<AlertDetail>(`/alerts/${first.body.alert.alertId}`)).alert;
    expect(named).toMatchObject({
      ...pick(first.body.alert, ['alertId', 'clusterId', 'ruleId', 'severity', 'raisedAt']),
      storyId: first.body.story.storyId,
    });
    expect(named.ruleSeverity).toBe('high');

    const alerts = await json<AlertPage>('/alerts');
    expect(alerts.alerts.length).toBeGreaterThanOrEqual(2);
    expect(alerts.alerts.map((a) => a.alertId)).toContain(second.body.alert.alertId);
    const detail = await json<AlertDetail>(`/alerts/${second.body.alert.alertId}`);
    expect(detail).toMatchObject({
      rule: { id: expect.any(String) as string, hash: expect.any(String) as string },
      story: { storyId: expect.any(String) as string },
    });
    expect(detail.deliveries.map((e) => e.type)).toContain('NotificationDelivered');
    expect(detail.classification!.evidence.length).toBeGreaterThan(0);

    const atom = await api('/alerts.atom');
    expect(atom.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const parsed = await new Parser().parseString(await atom.text());
    expect(parsed.items.map((i) => i.title)).toEqual(expect.arrayContaining([expect.stringContaining(SMUGGLING.title)]));
  });

  it('retries a receiver that is down three times, then delivers exactly once, even across a restart', async () => {
    receiver.respond = (count) => (count <= 3 ? 503 : 200);
    await start();
    await subscribe({ name: 'flaky', channel: 'webhook', url: receiver.url, minSeverity: 'info', rules: ['export-controls-any'] });
    items = [SMUGGLING];
    await waitForEvents(running!.store, 'NotificationFailed', 2);
    await stop();
    await start();
    await waitForEvents(running!.store, 'NotificationDelivered', 1, () => true, 30_000);
    const failures = await eventsOf(running!.store, 'NotificationFailed');
    expect(failures.map((e) => e.data.final)).toEqual([false, false, false]);
    expect(failures.every((e) => e.data.status === 503 && typeof e.data.nextAttemptAt === 'string')).toBe(true);
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((h) => h.headers['webhook-id'])).size).toBe(1);
  }, 60_000);

  it('stops at a 410 Gone, and sends nothing to a removed subscription', async () => {
    receiver.respond = () => 410;
    await start();
    const gone = await subscribe({
      name: 'gone',
      channel: 'webhook',
      url: receiver.url,
      minSeverity: 'info',
      rules: ['export-controls-any'],
    });
    items = [SMUGGLING];
    const [failed] = await waitForEvents(running!.store, 'NotificationFailed', 1);
    expect(failed.data).toMatchObject({ status: 410, final: true, code: 'http-4xx' });
    expect((await api(`/subscriptions/${gone.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/subscriptions/${gone.body.id}`)).status).toBe(404);
    items = [SMUGGLING, ENTITY_LIST];
    await waitForEvents(running!.store, 'AlertRaised', 2);
    await waitForEvents(running!.store, 'FeedPolled', 4, (e) => e.data.feedId === 'one');
    expect(receiver.received).toHaveLength(1);
  });

  it('validates subscriptions and never shows a secret again', async () => {
    await start({ CHIPWATCH_WEBHOOK_ALLOW_PRIVATE: '' });
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', channel: 'webhook', url: receiver.url, colour: 'red' }, 'colour'],
      [{ name: 'x', channel: 'webhook', url: 'not a url' }, 'url'],
      [{ name: 'x', channel: 'webhook', url: 'https://hooks.example.com/x', rules: ['no-such-rule'] }, 'rules.0'],
      [{ name: 'x', channel: 'webhook', url: receiver.url }, 'url'],
      [{ name: 'x', channel: 'webhook', url: 'http://169.254.169.254/latest' }, 'url'],
      [{ name: 'x', channel: 'email' }, 'email'],
      [{ name: 'x', channel: 'pager', url: 'https://x.example.com' }, 'channel'],
    ];
    for (const [body, parameter] of cases) {
      const { status, body: answer } = await subscribe<BadRequestBody>(body);
      expect({ body, status, parameter: answer.parameter }).toEqual({ body, status: 400, parameter });
    }
    const slack = await subscribe({
      name: 'team',
      channel: 'slack',
      url: 'https://hooks.slack.test/services/T000/B000/secret-token-value',
    });
    // Resolving hooks.slack.test fails here (no DNS): refused as unreachable, never stored.
    expect(slack.status).toBe(400);
  });

  it('records rule file edits: a valid one becomes active, an invalid one is rejected and the previous rules stay', async () => {
    await start();
    const before = await json<ActiveRulesAnswer>('/rules');
    writeFileSync(
      join(configDir, 'rules.yaml'),
      'rules:\n  - id: only-high\n    when: { topic: ai-chip-export-controls, minScore: 0.9 }\n    severity: high\n',
    );
    const [activated] = await waitForEvents(running!.store, 'RuleSetActivated', 2);
    await waitFor('the new rules', async () => ((await json<ActiveRulesAnswer>('/rules')).hash !== before.hash ? true : undefined));
    expect((await json<ActiveRulesAnswer>('/rules')).rules.map((r) => r.id)).toEqual(['only-high']);
    writeFileSync(
      join(configDir, 'rules.yaml'),
      'rules:\n  - id: typo\n    when: { topic: ai-chip-export-controls, minScor: 0.9 }\n    severity: high\n',
    );
    const [rejected] = await waitForEvents(running!.store, 'RuleSetRejected', 1);
    expect(rejected.data).toMatchObject({ line: 3, key: 'rules.0.when.minScor' });
    expect((await json<ActiveRulesAnswer>('/rules')).rules.map((r) => r.id)).toEqual(['only-high']);
    expect(activated.data.hash).toBe(before.hash);
  });

  it('backtests candidate rules over history without writing anything', async () => {
    await start();
    items = [ENTITY_LIST, SMUGGLING, OFF_TOPIC];
    await waitForEvents(running!.store, 'AlertRaised', 2);
    await waitForEvents(running!.store, 'StoryClassified', 3);
    // Every alert of those verdicts is raised: the evaluator's checkpoint has passed them.
    await running!.store.subscriptionCaughtUp('alert-evaluator', 10_000);
    const head = await running!.store.headPosition();
    const candidate =
      'rules:\n  - id: strict\n    when: { topic: ai-chip-export-controls, minScore: 0.99, keywords: { any: [singapore] } }\n    severity: critical\n';
    const response = await api('/rules/backtest?since=1h', { method: 'POST', headers: { 'content-type': 'text/yaml' }, body: candidate });
    expect(response.status).toBe(200);
    const report = (await response.json()) as BacktestReport;
    expect(report.totals.alerts).toBeLessThan(report.totals.activeAlerts);
    expect(report.totals.lost).toBeGreaterThan(0);
    const bad = await api('/rules/backtest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: 'rules:\n  - id: x\n' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ConfigRejection).issues[0]).toMatchObject({ line: 2 });
    // The feeds keep being polled every second meanwhile: those polls are the only facts written.
    const since = await running!.store.readAll({ after: head, limit: 1000 });
    expect(new Set(since.map((e) => e.type))).toEqual(new Set(since.length ? ['FeedPolled'] : []));
  });

  it('does not let a slow receiver delay a fast one, and streams alerts live with resume', async () => {
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    const slow: Server = createServer((request, response) => {
      request.resume();
      void slowGate.then(() => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      await start();
      await subscribe({
        name: 'slow',
        channel: 'webhook',
        url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`,
        minSeverity: 'info',
      });
      await subscribe({ name: 'fast', channel: 'webhook', url: receiver.url, minSeverity: 'info' });
      items = [ENTITY_LIST, SMUGGLING];
      await waitFor('both stories at the fast receiver while the slow one hangs', () => receiver.received.length >= 2);
      await waitForEvents(running!.store, 'NotificationDelivered', 2);
      expect(await eventsOf(running!.store, 'NotificationDelivered')).toHaveLength(2);

      const alerts = await eventsOf(running!.store, 'AlertRaised');
      const controller = new AbortController();
      const live = await api('/alerts/live', { headers: { 'last-event-id': String(alerts[0].position) }, signal: controller.signal });
      expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
      // undici types the body as ReadableStream<any>; fetch bodies are bytes.
      const reader: ReadableStreamDefaultReader<Uint8Array> = live.body!.getReader();
      let text = '';
      while ([...text.matchAll(/^id: /gm)].length < alerts.length - 1) text += new TextDecoder().decode((await reader.read()).value);
      const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      expect(ids).toEqual(alerts.slice(1).map((e) => e.position));
      expect(text).toContain('"type":"AlertRaised"');
      controller.abort();
    } finally {
      releaseSlow();
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('keeps delivering to others while a hanging receiver gets a burst, within a few delivery slots', async () => {
    const hanging: Server = createServer((request) => void request.resume());
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      // 4 slots: the hanging receiver may hold 1 send and 1 waiting job, the others go back to the queue.
      await start({ CHIPWATCH_DELIVERY_CONCURRENCY: '4' });
      await subscribe({
        name: 'hanging',
        channel: 'webhook',
        url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`,
        minSeverity: 'info',
      });
      await subscribe({ name: 'fast', channel: 'webhook', url: receiver.url, minSeverity: 'info' });
      items = Array.from({ length: 12 }, (_, n) => {
        const story = onTopicStory(n);
        return { title: story.title, description: story.summary, link: `http://news.test/burst-${n}` };
      });
      // The hanging receiver's sends time out only after 15 s: all twelve must arrive well before.
      await waitFor('all twelve at the fast receiver', () => distinct(receiver.received) >= 12, 10_000);
      expect(await eventsOf(running!.store, 'NotificationFailed')).toEqual([]);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  }, 30_000);

  it('delivers to Slack and email subscribers', async () => {
    const mails: { to: string; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    try {
      await start({ CHIPWATCH_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, CHIPWATCH_SMTP_FROM: 'alerts@chipwatch.test' });
      const slack = await subscribe({
        name: 'team',
        channel: 'slack',
        url: receiver.url.replace('/hook', '/services/T0/B0/abcdefabcdefabcdef'),
        minSeverity: 'info',
      });
      expect(slack.status).toBe(201);
      expect(slack.body.secret).toBeUndefined();
      expect(slack.body.target).not.toContain('abcdefabcdefabcdef');
      expect(JSON.stringify(await json(`/subscriptions/${slack.body.id}`))).not.toContain('abcdefabcdefabcdef');
      const email = await subscribe({ name: 'analyst', channel: 'email', email: 'analyst@example.test', minSeverity: 'info' });
      expect(email.status).toBe(201);
      items = [SMUGGLING];
      await waitFor('a Slack message', () => receiver.received.length >= 1);
      await waitFor('an email', () => mails.length >= 1);
      expect(receiver.received[0].body.blocks.length).toBeGreaterThan(0);
      expect(JSON.stringify(receiver.received[0].body)).toContain('Singapore charges three');
      expect(mails[0].to).toBe('analyst@example.test');
      expect(mails[0].data).toMatch(/Content-Type: text\/html/i);
      expect(mails[0].data).toMatch(/Content-Type: text\/plain/i);
      const events = await eventsOf(running!.store);
      expect(JSON.stringify(events)).not.toContain('abcdefabcdefabcdef');
    } finally {
      await stop(); // first: the app keeps a pooled SMTP connection, which smtp.close() waits for
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
