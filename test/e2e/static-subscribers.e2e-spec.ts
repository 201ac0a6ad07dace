import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWebhookSecret, type SubscriptionView, type WebhookPayload } from '@chipwatch/notifications';
import { StaticSubscribersLifecycle } from '../../apps/api/src/subscriptions/static-subscribers.lifecycle';
import { FeedServer, rss } from '../support/feed-server';
import { startApp, type RunningApp } from '../support/running-app';
import { eventsOf, waitFor } from '../support/wait-for';
import { verifyStandardWebhook, WebhookReceiver } from '../support/webhook-receiver';

const ROOT = join(__dirname, '..', '..');
const SMUGGLING = {
  title: 'Singapore charges three over diversion of Nvidia AI servers to China in breach of US export controls',
  description: 'Prosecutors say servers containing Nvidia GPUs were shipped via Malaysia to evade the export restrictions.',
  link: 'http://news.test/smuggling',
};
/** Environment variables this test sets: unique to the run, removed afterwards. */
const SECRET_ENV = `CW_TEST_DESK_SECRET_${process.pid}`;
const NEW_SECRET_ENV = `CW_TEST_DESK_SECRET_NEW_${process.pid}`;

/** GET /subscriptions */
interface SubscriptionList {
  subscriptions: SubscriptionView[];
}

describe('static subscribers from config/subscribers.yaml', () => {
  let feeds: FeedServer;
  let receiver: WebhookReceiver<WebhookPayload>;
  let configDir: string;
  let running: RunningApp | undefined;
  const api = (path: string, init?: RequestInit) => fetch(running!.baseUrl + path, init);
  const writeSubscribers = (yaml: string) => writeFileSync(join(configDir, 'subscribers.yaml'), yaml);
  /** Applies the file as it is now, as the watcher would on its next look. */
  const applied = async () => {
    const lifecycle = running!.app.get(StaticSubscribersLifecycle);
    await lifecycle.subscribers.settled();
    return lifecycle.subscribers.start();
  };
  const desk = (extra = '') =>
    `subscribers:\n  - id: desk\n    name: Trading desk\n    channel: webhook\n    url: "${receiver.url}"\n    secretEnv: ${SECRET_ENV}\n    minSeverity: info\n${extra}`;

  beforeEach(async () => {
    feeds = await new FeedServer().start();
    receiver = await new WebhookReceiver<WebhookPayload>().start();
    configDir = mkdtempSync(join(tmpdir(), 'chipwatch-cfg-'));
    for (const file of ['classifier.yaml', 'rules.yaml']) copyFileSync(join(ROOT, 'config', file), join(configDir, file));
    writeFileSync(join(configDir, 'feeds.yaml'), 'feeds: []\n');
    process.env[SECRET_ENV] = generateWebhookSecret();
  });

  afterEach(async () => {
    await running?.close();
    running = undefined;
    await feeds.stop();
    await receiver.stop();
    rmSync(configDir, { recursive: true, force: true });
    delete process.env[SECRET_ENV];
    delete process.env[NEW_SECRET_ENV];
  });

  it('delivers to a declared webhook, signed with the secret from the environment; REST may not change it', async () => {
    writeSubscribers(desk());
    writeFileSync(join(configDir, 'feeds.yaml'), `feeds:\n  - { id: one, url: "${feeds.url('/one.xml')}", interval: 1s }\n`);
    feeds.feed('/one.xml', () => rss([SMUGGLING]));
    running = await startApp({ CHIPWATCH_CONFIG_DIR: configDir, CHIPWATCH_WEBHOOK_ALLOW_PRIVATE: '1' }, 'all');

    const listed = ((await (await api('/subscriptions')).json()) as SubscriptionList).subscriptions;
    const subscription = await waitFor('the declared subscription listed', async () => {
      const all = ((await (await api('/subscriptions')).json()) as SubscriptionList).subscriptions;
      return all.find((s) => s.id === 'cfg_desk');
    });
    expect(listed.every((s) => !('secret' in s))).toBe(true);
    expect(subscription).toMatchObject({ name: 'Trading desk', channel: 'webhook', source: 'config', minSeverity: 'info' });

    const [hook] = await waitFor('a delivery', () => (receiver.received.length > 0 ? receiver.received : undefined));
    expect(verifyStandardWebhook(process.env[SECRET_ENV]!, hook)).toBe(true);
    expect(hook.body.story.title).toBe(SMUGGLING.title);

    const json = { 'content-type': 'application/json' };
    const refused = [
      await api('/subscriptions/cfg_desk', { method: 'DELETE' }),
      await api('/subscriptions/cfg_desk', { method: 'PATCH', headers: json, body: JSON.stringify({ minSeverity: 'high' }) }),
      await api('/subscriptions/cfg_desk/rotate-secret', { method: 'POST' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(((await refused[0].json()) as { message: string }).message).toMatch(/subscribers\.yaml/);

    // Hot reload: the entry deleted from the file is removed without a restart.
    writeSubscribers('subscribers: []\n');
    await waitFor(
      'the removal',
      async () => ((await eventsOf(running!.store, 'SubscriptionRemoved')).length > 0 ? true : undefined),
      10_000,
    );
    expect((await api('/subscriptions/cfg_desk')).status).toBe(404);
  });

  it('follows edits of the file: updates, secret rotation, removal, a new id when declared again; an invalid file changes nothing', async () => {
    writeSubscribers(desk());
    running = await startApp({ CHIPWATCH_CONFIG_DIR: configDir, CHIPWATCH_WEBHOOK_ALLOW_PRIVATE: '1' }, 'api');
    await running.app.get(StaticSubscribersLifecycle).subscribers.settled();
    expect((await eventsOf(running.store, 'SubscriptionCreated')).map((e) => e.data)).toEqual([
      expect.objectContaining({ subscriptionId: 'cfg_desk', source: 'config', minSeverity: 'info' }),
    ]);

    // The same file again changes nothing.
    expect(await applied()).toEqual({ created: [], updated: [], removed: [], failed: [] });

    process.env[NEW_SECRET_ENV] = generateWebhookSecret();
    writeSubscribers(desk().replace('minSeverity: info', 'minSeverity: high').replace(SECRET_ENV, NEW_SECRET_ENV));
    expect(await applied()).toMatchObject({ updated: ['cfg_desk'] });
    expect((await eventsOf(running.store, 'SubscriptionUpdated')).map((e) => e.data)).toEqual([
      { subscriptionId: 'cfg_desk', minSeverity: 'high' },
    ]);
    expect(await eventsOf(running.store, 'SubscriptionSecretRotated')).toHaveLength(1);

    const before = await running.store.headPosition();
    writeSubscribers(desk().replace(SECRET_ENV, 'CW_TEST_NOT_SET_ANYWHERE'));
    expect(await applied()).toBeUndefined();
    writeSubscribers('subscribers:\n  - id: Desk!\n    channel: pager\n');
    expect(await applied()).toBeUndefined();
    expect(await running.store.headPosition()).toBe(before);

    writeSubscribers('subscribers: []\n');
    expect(await applied()).toMatchObject({ removed: ['cfg_desk'] });
    expect((await api('/subscriptions/cfg_desk')).status).toBe(404);

    writeSubscribers(desk());
    expect(await applied()).toMatchObject({ created: ['cfg_desk_2'] });
  });
});
