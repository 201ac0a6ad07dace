import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseAtomFeed } from 'feedsmith';
import { SMTPServer } from 'smtp-server';
import type { AlertPage, AlertView } from '@chipwatch/alerts';
import {
  ATOM_SEVERITY_SCHEME,
  atomEntryId,
  type CreatedSubscription,
  type SlackMessage,
  type WebhookPayload,
} from '@chipwatch/notifications';
import { parseMime, type MimePart } from '../../libs/notifications/src/testing/mime';
import { FeedServer, rss } from '../support/feed-server';
import { startApp, type RunningApp } from '../support/running-app';
import { waitFor, waitForEvents } from '../support/wait-for';
import { verifyStandardWebhook, WebhookReceiver } from '../support/webhook-receiver';

const ROOT = join(__dirname, '..', '..');

/** POST /subscriptions for a webhook: the subscription with its signing secret, shown only here. */
type CreatedWebhook = CreatedSubscription & { secret: string };
/** GET /alerts/:id, the part read here: the alert as REST knows it. */
interface AlertAnswer {
  alert: AlertView;
}

/** Matches export-controls-any (medium) only; the edit below also matches new-restrictions (high). */
const MARKET = {
  title: 'Nvidia shares fall as US export controls on AI chips to China weigh on outlook',
  description: "Investors worry about the impact of export restrictions on Nvidia's data-center revenue.",
  link: 'http://news.test/nvidia-shares',
};
const ENTITY_LIST_EDIT =
  'The Commerce Department added 140 Chinese companies to the Entity List on Monday, widening export controls on AI chips.';

/** Every text part of a mail, decoded. */
function mailText(part: MimePart): string {
  return part.parts.length ? part.parts.map(mailText).join('\n') : part.body;
}

/**
 * What a subscriber is told, through every channel, against what REST and Atom say of the same
 * alert: one alert id, one severity.
 */
describe('notification payloads through the running app', () => {
  let feeds: FeedServer;
  let hooks: WebhookReceiver<WebhookPayload>;
  let slack: WebhookReceiver<SlackMessage>;
  let smtp: SMTPServer;
  const mails: MimePart[] = [];
  let configDir: string;
  let running: RunningApp | undefined;
  let items: { title: string; description: string; link: string }[] = [];

  const api = (path: string, init?: RequestInit) => fetch(running!.baseUrl + path, init);
  const json = async <T = unknown>(path: string, init?: RequestInit): Promise<T> => (await (await api(path, init)).json()) as T;
  const post = <T = unknown>(path: string, body?: unknown) =>
    json<T>(path, {
      method: 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    feeds = await new FeedServer().start();
    feeds.feed('/one.xml', () => rss(items));
    hooks = await new WebhookReceiver<WebhookPayload>().start();
    slack = await new WebhookReceiver<SlackMessage>().start();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push(parseMime(Buffer.concat(chunks).toString('utf8')));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    configDir = mkdtempSync(join(tmpdir(), 'chipwatch-cfg-'));
    for (const file of ['classifier.yaml', 'rules.yaml']) copyFileSync(join(ROOT, 'config', file), join(configDir, file));
    writeFileSync(join(configDir, 'feeds.yaml'), `feeds:\n  - { id: one, url: "${feeds.url('/one.xml')}", interval: 1s }\n`);
    running = await startApp(
      {
        CHIPWATCH_CONFIG_DIR: configDir,
        CHIPWATCH_WEBHOOK_ALLOW_PRIVATE: '1',
        CHIPWATCH_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        CHIPWATCH_SMTP_FROM: 'alerts@chipwatch.test',
      },
      'all',
    );
  });

  afterAll(async () => {
    await running?.close(); // first: the app keeps a pooled SMTP connection, which smtp.close() waits for
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await Promise.all([feeds.stop(), hooks.stop(), slack.stop()]);
    rmSync(configDir, { recursive: true, force: true });
  });

  /** The n-th notification on every channel names `alertId` with `severity`, as REST, the alert list and Atom do. */
  async function expectOneSeverity(n: number, alertId: string, severity: string): Promise<void> {
    expect(hooks.received[n].body.alert).toMatchObject({ alertId, id: alertId, severity });
    const message = slack.received[n].body;
    expect(message.text).toMatch(new RegExp(`^\\[${severity.toUpperCase()}\\] `));
    expect(JSON.stringify(message.blocks)).toContain(`chipwatch alert ${alertId}`);
    expect(mails[n].headers.get('subject')).toMatch(new RegExp(`^\\[chipwatch\\] (Updated, )?${severity.toUpperCase()}: `));
    expect(mailText(mails[n])).toContain(`chipwatch alert ${alertId}`);

    expect((await json<AlertAnswer>(`/alerts/${alertId}`)).alert.severity).toBe(severity);
    // The list and the feed are read models: they catch up with the log shortly.
    await waitFor(`GET /alerts showing ${alertId} as ${severity}`, async () =>
      (await json<AlertPage>('/alerts')).alerts.some((a) => a.alertId === alertId && a.severity === severity),
    );
    const feed = parseAtomFeed(await (await api('/alerts.atom')).text());
    const entry = feed.entries?.find((e) => e.id === atomEntryId(alertId));
    expect(entry?.categories?.find((c) => c.scheme === ATOM_SEVERITY_SCHEME)?.term).toBe(severity);
  }

  it('tells one alert id and one severity on webhook, Slack, email, Atom and REST, and names the same alert on its update', async () => {
    const hook = await post<CreatedWebhook>('/subscriptions', { name: 'desk', channel: 'webhook', url: hooks.url, minSeverity: 'info' });
    await post('/subscriptions', {
      name: 'team',
      channel: 'slack',
      url: slack.url.replace('/hook', '/services/T0/B0/abcdefabcdefabcdef'),
      minSeverity: 'info',
    });
    await post('/subscriptions', { name: 'analyst', channel: 'email', email: 'analyst@example.test', minSeverity: 'info' });

    items = [MARKET];
    await waitFor('the alert on every channel', () => hooks.received.length >= 1 && slack.received.length >= 1 && mails.length >= 1);
    await waitForEvents(running!.store, 'NotificationDelivered', 3);
    const raised = hooks.received[0].body;
    expect(raised).toMatchObject({
      type: 'alert.raised',
      alert: { ruleId: 'export-controls-any', ruleIds: ['export-controls-any'], severity: 'medium' },
    });
    expect(verifyStandardWebhook(hook.secret, hooks.received[0])).toBe(true);
    await expectOneSeverity(0, raised.alert.alertId, 'medium');

    items = [{ ...MARKET, description: ENTITY_LIST_EDIT }];
    await waitFor('the update on every channel', () => hooks.received.length >= 2 && slack.received.length >= 2 && mails.length >= 2);
    await waitForEvents(running!.store, 'NotificationDelivered', 6);
    const updated = hooks.received[1].body;
    expect(updated.type).toBe('alert.updated');
    expect(updated.alert).toMatchObject({
      alertId: raised.alert.alertId,
      clusterId: raised.alert.clusterId,
      ruleId: 'export-controls-any',
      ruleIds: ['export-controls-any', 'new-restrictions'],
      severity: 'high',
      raisedAt: raised.alert.raisedAt,
      updatedBy: { alertId: expect.any(String) as string, ruleId: 'new-restrictions', severity: 'high' },
    });
    expect(hooks.received[1].headers['webhook-id']).not.toBe(hooks.received[0].headers['webhook-id']);
    expect(slack.received[1].body.text).toMatch(/^\[HIGH\] Updated: /);
    await expectOneSeverity(1, raised.alert.alertId, 'high');

    const { alert } = await json<AlertAnswer>(`/alerts/${raised.alert.alertId}`);
    expect(alert).toMatchObject({ ruleSeverity: 'medium', updatedAt: updated.alert.updatedAt, updatedBy: updated.alert.updatedBy });
    expect(alert.deliveries.map((d) => `${d.kind} ${d.severity} ${d.status}`).sort()).toEqual([
      ...Array<string>(3).fill('raised medium delivered'),
      ...Array<string>(3).fill('updated high delivered'),
    ]);
    const later = (await json<AlertAnswer>(`/alerts/${updated.alert.updatedBy?.alertId}`)).alert;
    expect(later).toMatchObject({ ruleId: 'new-restrictions', severity: 'high', ruleSeverity: 'high', raisedAt: updated.alert.updatedAt });
  });

  it('sends POST /subscriptions/:id/test as a signed alert.test, and a marked test to Slack and email', async () => {
    // Critical only, so the last hour's alerts (a new subscription's backfill) are not sent to them.
    const hook = await post<CreatedWebhook>('/subscriptions', {
      name: 'tester',
      channel: 'webhook',
      url: hooks.url,
      minSeverity: 'critical',
    });
    const team = await post<CreatedSubscription>('/subscriptions', {
      name: 'team-test',
      channel: 'slack',
      url: slack.url.replace('/hook', '/services/T1/B1/abcdefabcdefabcdef'),
      minSeverity: 'critical',
    });
    const analyst = await post<CreatedSubscription>('/subscriptions', {
      name: 'analyst-test',
      channel: 'email',
      email: 'tester@example.test',
      minSeverity: 'critical',
    });
    const [hooksBefore, slackBefore, mailsBefore] = [hooks.received.length, slack.received.length, mails.length];
    const logBefore = await running!.store.headPosition();

    for (const id of [hook.id, team.id, analyst.id]) expect(await post(`/subscriptions/${id}/test`)).toMatchObject({ delivered: true });
    const test = hooks.received[hooksBefore];
    expect(verifyStandardWebhook(hook.secret, test)).toBe(true);
    expect(test.body).toMatchObject({
      type: 'alert.test',
      alert: { alertId: 'test', id: 'test', severity: 'info' },
      story: { storyId: 'test' },
    });
    expect(slack.received[slackBefore].body.text).toMatch(/^\[TEST\] /);
    await waitFor('the test email', () => mails.length > mailsBefore);
    expect(mails[mailsBefore].headers.get('subject')).toMatch(/^\[chipwatch\] Test: /);
    // A test is not a notification: nothing of it is in the log.
    const since = await running!.store.readAll({ after: logBefore, limit: 1000 });
    expect(since.filter((e) => e.type.startsWith('Notification'))).toEqual([]);
  });
});
