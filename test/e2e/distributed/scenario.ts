import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterStories } from '@chipwatch/alerts';
import { classifierConfigSchema, createClassifier } from '@chipwatch/classifier';
import { loadYamlConfig } from '@chipwatch/config';
import { FeedServer, rss } from '../../support/feed-server';
import { onTopicStory } from '../../support/generated-news';
import type { ChipwatchDeployment, LogEvent } from '../../support/processes';
import { ROOT } from '../../support/processes';
import { waitFor } from '../../support/wait-for';
import { verifyStandardWebhook, WebhookReceiver, type ReceivedHook } from '../../support/webhook-receiver';

/** The lowest `minScore` of the shipped rules (export-controls-any), plus a margin. */
const ALERT_SCORE = 0.65;

export interface NewsStory {
  devId: string;
  title: string;
  summary: string;
  link: string;
  positive: boolean;
  /** Published from this wave on. */
  wave: number;
}

interface DevRow {
  id: string;
  lang: string;
  title: string;
  summary: string;
  label: 0 | 1;
}

/**
 * Labelled stories of the shared dev set that the shipped classifier and rules decide clearly:
 * positives (label 1) scored at or above every rule's threshold, negatives (label 0) not relevant,
 * with or without the language hint; beyond the dev set's few dozen positives, generated ones
 * checked the same way. No two of them are one event (story clustering would make one alert of
 * them): positives that cluster with an earlier one are left out. The classifier's own misses are
 * its tests' business; these tests are about the distributed pipeline losing or repeating nothing.
 */
export function clearDevStories(positivesNeeded = 0): { positives: DevRow[]; negatives: DevRow[] } {
  const classifier = createClassifier(loadYamlConfig(join(ROOT, 'config', 'classifier.yaml'), classifierConfigSchema));
  const rows = readFileSync(join(ROOT, 'test', 'fixtures', 'classifier', 'dev.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as DevRow);
  const verdicts = (row: DevRow) => [
    classifier.classify({ title: row.title, summary: row.summary, language: row.lang }),
    classifier.classify({ title: row.title, summary: row.summary }),
  ];
  const clearPositive = (row: DevRow) => verdicts(row).every((v) => v.relevant && v.score >= ALERT_SCORE);
  // Each its own event: the first story of each cluster, all published at once as a burst is,
  // in the languages the classifier detects (the feeds declare none).
  const distinctEvents = (candidates: DevRow[]) => {
    const clusters = clusterStories(
      candidates.map(({ id, title, summary }) => ({ id, title, summary })),
      classifier,
    );
    return candidates.filter((row, i) => clusters[i].clusterId === row.id);
  };
  let positives = distinctEvents(rows.filter((row) => row.label === 1 && clearPositive(row)));
  for (let n = 0; positives.length < positivesNeeded; ) {
    const added: DevRow[] = [];
    for (const end = n + (positivesNeeded - positives.length); n < end; n++) {
      const { title, summary, language } = onTopicStory(n);
      const row: DevRow = { id: `GEN-${n}`, lang: language, label: 1, title, summary };
      if (!clearPositive(row)) throw new Error(`generated story not clearly on topic: ${row.title}`);
      added.push(row);
    }
    positives = distinctEvents([...positives, ...added]);
  }
  return { positives, negatives: rows.filter((row) => row.label === 0 && verdicts(row).every((v) => !v.relevant)) };
}

export interface NewsroomOptions {
  feeds: number;
  /** Positives per feed, published one per wave (wave 1, 2, ...). */
  positivesPerFeed: number;
  /** Negatives per feed, all in wave 1. */
  negativesPerFeed: number;
}

/** N RSS feeds on one local server (ETags, 304s), each publishing distinct dev-set stories in waves. */
export class Newsroom {
  readonly server = new FeedServer();
  readonly feeds: { id: string; path: string; stories: NewsStory[] }[] = [];
  private wave = 0;

  constructor(readonly options: NewsroomOptions) {
    const needed = { positives: options.feeds * options.positivesPerFeed, negatives: options.feeds * options.negativesPerFeed };
    const { positives, negatives } = clearDevStories(needed.positives);
    if (positives.length < needed.positives || negatives.length < needed.negatives) {
      throw new Error(`the dev set has ${positives.length} clear positives and ${negatives.length} negatives; ${JSON.stringify(needed)} needed`);
    }
    const publishedAt = new Date(Date.now() - 3_600_000).toUTCString();
    for (let f = 0; f < options.feeds; f++) {
      const id = `feed-${String(f + 1).padStart(2, '0')}`;
      const story = (row: DevRow, positive: boolean, wave: number): NewsStory => ({
        devId: row.id,
        title: row.title,
        summary: row.summary,
        link: `http://news.test/${id}/${row.id.toLowerCase()}`,
        positive,
        wave,
      });
      const stories = [
        ...positives.slice(f * options.positivesPerFeed, (f + 1) * options.positivesPerFeed).map((row, i) => story(row, true, i + 1)),
        ...negatives.slice(f * options.negativesPerFeed, (f + 1) * options.negativesPerFeed).map((row) => story(row, false, 1)),
      ];
      const path = `/${id}.xml`;
      this.feeds.push({ id, path, stories });
      this.server.feed(path, () =>
        rss(
          stories
            .filter((s) => s.wave <= this.wave)
            .map((s) => ({ title: s.title, link: s.link, guid: s.link, description: s.summary, pubDate: publishedAt })),
        ),
      );
    }
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  /** Feeds serve every story up to this wave from their next poll on (a new body and ETag). */
  publish(wave: number): void {
    this.wave = wave;
  }

  feedsYaml(interval: string): string {
    return `feeds:\n${this.feeds.map((f) => `  - { id: ${f.id}, url: "${this.server.url(f.path)}", interval: ${interval} }`).join('\n')}\n`;
  }

  published(): NewsStory[] {
    return this.feeds.flatMap((f) => f.stories.filter((s) => s.wave <= this.wave));
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

/** A webhook subscriber that can be told to fail (503) for a while; knows which receipts it accepted. */
export class Inbox {
  readonly receiver = new WebhookReceiver();
  /** While true, every request is answered 503 (retried by chipwatch). */
  failing = false;
  private readonly answers: number[] = [];
  secret = '';
  subscriptionId = '';

  async start(): Promise<this> {
    await this.receiver.start();
    this.receiver.respond = (count) => (this.answers[count - 1] = this.failing ? 503 : 204);
    return this;
  }

  async subscribe(cluster: ChipwatchDeployment): Promise<void> {
    const response = await cluster.fetch('/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'e2e', channel: 'webhook', url: this.receiver.url, minSeverity: 'info' }),
    });
    const body = (await response.json()) as { id: string; secret: string };
    if (response.status !== 201) throw new Error(`POST /subscriptions: ${response.status} ${JSON.stringify(body)}`);
    this.secret = body.secret;
    this.subscriptionId = body.id;
  }

  /** Requests answered 2xx: what the subscriber took as delivered. */
  accepted(): ReceivedHook[] {
    return this.receiver.received.filter((_, i) => this.answers[i] >= 200 && this.answers[i] < 300);
  }

  acceptedTitles(): Set<string> {
    return new Set(this.accepted().map((hook) => hook.body?.story?.title as string));
  }

  stop(): Promise<void> {
    return this.receiver.stop();
  }
}

/**
 * Waits until every published positive reached the subscriber, the log shows one delivery per
 * positive, and no classify or delivery job is left in Redis (nothing still in flight that could
 * deliver again).
 */
export async function waitForEveryPositive(cluster: ChipwatchDeployment, newsroom: Newsroom, inbox: Inbox, timeoutMs: number): Promise<void> {
  const positives = newsroom.published().filter((s) => s.positive);
  await waitFor(
    `all ${positives.length} positives accepted by the subscriber`,
    () => positives.every((s) => inbox.acceptedTitles().has(s.title)),
    timeoutMs,
  ).catch(async (error: Error) => {
    const missing = positives.filter((s) => !inbox.acceptedTitles().has(s.title));
    throw new Error(`${error.message}; missing (and what the log knows of them):\n  ${(await pipelineOf(cluster, missing)).join('\n  ')}`);
  });
  await waitFor(
    'one NotificationDelivered per positive and no classify or delivery job left',
    async () =>
      (await cluster.events('NotificationDelivered')).length >= positives.length &&
      (await cluster.pendingJobs('classify-story')) === 0 &&
      (await cluster.pendingJobs('deliver-notification')) === 0,
    timeoutMs,
  );
}

/** Per story: the event types of its story stream and of its alerts' streams, for failure messages. */
export async function pipelineOf(cluster: ChipwatchDeployment, stories: readonly NewsStory[]): Promise<string[]> {
  const [discovered, alerts] = await Promise.all([cluster.events('StoryDiscovered'), cluster.events('AlertRaised')]);
  const types = async (streamId: string) => {
    const response = await cluster.fetch(`/streams/${streamId}`);
    if (response.status !== 200) return `(${response.status})`;
    return ((await response.json()) as { events: LogEvent[] }).events.map((e) => e.type).join(',');
  };
  return Promise.all(
    stories.map(async (story) => {
      const storyId = discovered.find((e) => e.data.title === story.title)?.data.storyId as string | undefined;
      if (!storyId) return `${story.devId} not discovered: ${story.title}`;
      const alertIds = [...new Set(alerts.filter((e) => e.data.storyId === storyId).map((e) => e.data.alertId as string))];
      const alertTypes = await Promise.all(alertIds.map(async (id) => `alert ${id.slice(0, 8)}: ${await types(`alert-${id}`)}`));
      return `${story.devId} story ${storyId.slice(0, 8)}: ${await types(`story-${storyId}`)}; ${alertTypes.join('; ') || 'no alert'}`;
    }),
  );
}

/**
 * Every published positive alerted and delivered exactly once (by webhook-id, by story title, in
 * the log), every webhook verifies, no negative delivered or alerted, each story discovered once,
 * and each feed polled at most once per slot.
 */
export async function expectExactlyOnce(
  cluster: ChipwatchDeployment,
  newsroom: Newsroom,
  inbox: Inbox,
  options: {
    /**
     * Webhook ids that may legitimately arrive twice: accepted by the subscriber but not yet
     * recorded when their worker was killed. Nothing can tell such a send from one that never
     * happened, so it is sent again under the same webhook-id, which subscribers deduplicate on.
     */
    resendable?: ReadonlySet<string>;
  } = {},
): Promise<void> {
  const published = newsroom.published();
  const positives = published.filter((s) => s.positive);
  const negatives = published.filter((s) => !s.positive);

  // The subscriber's view.
  const accepted = inbox.accepted();
  const byWebhookId = countBy(accepted, (hook) => String(hook.headers['webhook-id']));
  const duplicateWebhookIds = [...byWebhookId].filter(([id, n]) => n > (options.resendable?.has(id) ? 2 : 1));
  expect({ duplicateWebhookIds }).toEqual({ duplicateWebhookIds: [] });
  const distinct = [...new Map(accepted.map((hook) => [String(hook.headers['webhook-id']), hook])).values()];
  expect(accepted.map((hook) => hook.body.type)).toEqual(accepted.map(() => 'alert.raised'));
  // One webhook-id per positive: what a subscriber deduplicating on webhook-id sees, exactly once each.
  expect(distinct.map((hook) => hook.body.story.title).sort()).toEqual(positives.map((s) => s.title).sort());
  expect(inbox.receiver.received.filter((hook) => !verifyStandardWebhook(inbox.secret, hook)).map((h) => h.headers['webhook-id'])).toEqual([]);
  const negativeTitles = new Set(negatives.map((s) => s.title));
  expect(inbox.receiver.received.map((hook) => hook.body?.story?.title).filter((title) => negativeTitles.has(title))).toEqual([]);
  // A retried delivery keeps its webhook-id: every request carries one of the accepted ids.
  expect(inbox.receiver.received.filter((hook) => !byWebhookId.has(String(hook.headers['webhook-id'])))).toEqual([]);

  // The log's view.
  const [discovered, classified, alerts, delivered, polls] = await Promise.all([
    cluster.events('StoryDiscovered'),
    cluster.events('StoryClassified'),
    cluster.events('AlertRaised'),
    cluster.events('NotificationDelivered'),
    cluster.events('FeedPolled', 'FeedPollFailed'),
  ]);
  expect(discovered.map((e) => e.data.title).sort()).toEqual(published.map((s) => s.title).sort());
  const storyIdOf = new Map(discovered.map((e) => [e.data.title as string, e.data.storyId as string]));
  const verdicts = new Set(classified.map((e) => e.data.storyId as string));
  expect(published.filter((s) => !verdicts.has(storyIdOf.get(s.title)!)).map((s) => `${s.devId} not classified`)).toEqual([]);
  const alerted = new Set(alerts.map((e) => e.data.storyId as string));
  expect(positives.filter((s) => !alerted.has(storyIdOf.get(s.title)!)).map((s) => s.devId)).toEqual([]);
  expect(negatives.filter((s) => alerted.has(storyIdOf.get(s.title)!)).map((s) => s.devId)).toEqual([]);
  const deliveredPerNotification = countBy(delivered, (e) => `${e.data.notificationId}`);
  expect([...deliveredPerNotification].filter(([, n]) => n > 1)).toEqual([]);
  expect(delivered).toHaveLength(positives.length);
  expect(new Set(delivered.map((e) => e.data.notificationId))).toEqual(new Set(byWebhookId.keys()));
  expect({ slotsPolledTwice: repeatedSlots(polls) }).toEqual({ slotsPolledTwice: [] });
  for (const feed of newsroom.feeds) expect(polls.some((e) => e.data.feedId === feed.id)).toBe(true);
}

/**
 * Fetches the publisher served beyond the polls recorded, per feed. A feed has at most one poll in
 * flight (its next slot comes from the recorded poll), so more than one extra fetch means a slot
 * was fetched twice, even if the log recorded it once. Read the server's count before the log.
 */
export async function extraFetches(cluster: ChipwatchDeployment, newsroom: Newsroom): Promise<string[]> {
  const served = new Map(newsroom.feeds.map((f) => [f.id, newsroom.server.requestsTo(f.path).length]));
  const polls = await cluster.events('FeedPolled', 'FeedPollFailed');
  return newsroom.feeds
    .map((f) => ({ id: f.id, extra: served.get(f.id)! - polls.filter((e) => e.data.feedId === f.id).length }))
    .filter(({ extra }) => extra > 1)
    .map(({ id, extra }) => `${id}: ${extra} fetches not recorded as polls`);
}

/** (feedId, slot) pairs recorded more than once, FeedPolled and FeedPollFailed alike. */
export function repeatedSlots(polls: readonly LogEvent[]): string[] {
  return [...countBy(polls, (e) => `${e.data.feedId} ${e.data.slot}`)].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
