import { AlertEvaluator, readAlert, type AlertView, type RuleSet, type Severity } from '@chipwatch/alerts';
import { BufferedDocumentTx, type DocumentReader } from '@chipwatch/event-store';
import { storyStreamId, type DiscoveredStory, type StoryClassified, type StoryEvent } from '@chipwatch/stories';
import { DeliveryService } from '../delivery/delivery.service';
import { NOTIFICATIONS_COLLECTION, notificationKey, type DeliveryRequest, type NotificationState } from '../delivery/notification-plan';
import { DISPATCH_EVENT_TYPES, NotifyDispatcher, type DispatchEvent } from '../delivery/notify-dispatcher';
import type { AlertEmail } from '../email.message';
import type { SlackMessage } from '../slack.message';
import {
  signingSecretKey,
  subscriptionStreamId,
  targetSecretKey,
  type Channel,
  type SubscriptionEvent,
} from '../subscriptions/subscription.events';
import { MemoryLog } from './memory-log';

/** What a channel was handed: the bytes of a webhook, the message of Slack or email. */
export type SentNotification =
  | { channel: 'webhook'; subscriptionId: string; webhookId: string; body: string }
  | { channel: 'slack'; subscriptionId: string; message: SlackMessage }
  | { channel: 'email'; subscriptionId: string; message: AlertEmail };

/** A classifier verdict as `StoryClassified` records it, without the story's own fields. */
export type Verdict = Omit<StoryClassified['data'], 'storyId' | 'contentVersion'>;

const NOTHING_STORED: DocumentReader = { get: async () => undefined, list: async () => [], count: async () => 0 };

/**
 * The live notification path in memory, for specs: the real alert evaluator, notify dispatcher
 * and delivery service over one log, with senders that keep what they are handed. The clock is
 * the scenario's, so what it builds is the same on every run.
 */
export class NotificationScenario {
  readonly log: MemoryLog;
  readonly sent: SentNotification[] = [];
  /** Delivery attempts queued and not yet run (the dispatcher's, and retries). */
  readonly queued: DeliveryRequest[] = [];
  private now: Date;
  private evaluatedUpTo = 0;
  private dispatchedUpTo = 0;
  private readonly evaluator: AlertEvaluator;
  private readonly evaluatorDocuments = new BufferedDocumentTx(NOTHING_STORED);
  private readonly dispatcher: NotifyDispatcher;
  private readonly dispatcherDocuments = new BufferedDocumentTx(NOTHING_STORED);
  /** Subscription ids by channel and target, to tell whom a send was for. */
  private readonly targets = new Map<string, string>();
  readonly delivery: DeliveryService;

  constructor(rules: RuleSet, start: string) {
    this.now = new Date(start);
    this.log = new MemoryLog(() => this.now);
    this.evaluator = new AlertEvaluator(this.log, () => rules);
    this.dispatcher = new NotifyDispatcher(async (request) => void this.queued.push(request));
    const keep = <T>(notification: SentNotification, answer: T): T => (this.sent.push(notification), answer);
    this.delivery = new DeliveryService({
      store: this.log,
      webhook: {
        send: async (r) =>
          keep(
            { channel: 'webhook', subscriptionId: this.subscriberAt('webhook', r.url), webhookId: r.webhookId, body: r.body },
            { status: 204, ms: 1, body: '', bodyComplete: true },
          ),
      },
      slack: {
        send: async (r) =>
          keep(
            { channel: 'slack', subscriptionId: this.subscriberAt('slack', r.url), message: r.message },
            { status: 200, ms: 1, body: 'ok', bodyComplete: true },
          ),
      },
      email: {
        send: async (r) =>
          keep(
            { channel: 'email', subscriptionId: this.subscriberAt('email', r.to), message: r.message },
            { messageId: r.messageId ?? '', response: '250 OK', accepted: [r.to], ms: 1 },
          ),
      },
      now: () => this.now,
      random: () => 0.5,
      scheduleRetry: async (request) => void this.queued.push(request),
      notificationAlertOf: async (clusterId, subscriptionId) =>
        (await this.dispatcherDocuments.get<NotificationState>(NOTIFICATIONS_COLLECTION, notificationKey(clusterId, subscriptionId)))
          ?.alertIds[0],
    });
  }

  /** Moves the clock: events from now on are recorded at `instant`. */
  at(instant: string): this {
    this.now = new Date(instant);
    return this;
  }

  async subscribe(subscription: {
    subscriptionId: string;
    channel: Channel;
    minSeverity?: Severity;
    rules?: string[] | null;
    secret?: string;
  }): Promise<void> {
    const { subscriptionId, channel } = subscription;
    const target: string = channel === 'email' ? `${subscriptionId}@example.com` : `https://hooks.example.com/${subscriptionId}`;
    this.targets.set(`${channel} ${target}`, subscriptionId);
    await this.log.secrets.put(targetSecretKey(subscriptionId), target);
    if (channel === 'webhook')
      await this.log.secrets.put(
        signingSecretKey(subscriptionId),
        subscription.secret ?? `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
      );
    const created: SubscriptionEvent = {
      type: 'SubscriptionCreated',
      data: {
        subscriptionId,
        name: subscriptionId,
        channel,
        target,
        minSeverity: subscription.minSeverity ?? 'info',
        rules: subscription.rules ?? null,
        source: 'api',
      },
    };
    await this.log.append(subscriptionStreamId(subscriptionId), [created]);
  }

  /** A story discovered and classified now. */
  async discover(story: DiscoveredStory, verdict: Verdict): Promise<void> {
    const discovered: StoryEvent = { type: 'StoryDiscovered', data: story };
    const classified: StoryEvent = { type: 'StoryClassified', data: { ...verdict, storyId: story.storyId, contentVersion: 1 } };
    await this.log.append(storyStreamId(story.storyId), [discovered, classified]);
  }

  /** The story edited now, and its new content classified. */
  async edit(story: DiscoveredStory, verdict: Verdict): Promise<void> {
    const stream = await this.log.readStream<StoryEvent>(storyStreamId(story.storyId));
    const updated: StoryEvent = {
      type: 'StoryUpdated',
      data: { storyId: story.storyId, feedId: story.feedId, title: story.title, summary: story.summary, changed: ['title', 'summary'] },
    };
    const classified: StoryEvent = {
      type: 'StoryClassified',
      data: { ...verdict, storyId: story.storyId, contentVersion: stream.length + 1 },
    };
    await this.log.append(storyStreamId(story.storyId), [updated, classified]);
  }

  /**
   * Runs the pipeline until it rests: the evaluator over new verdicts, the dispatcher over new
   * alerts and deliveries, and every queued delivery (unless `deliver` is false: they stay in
   * `queued`). Returns what was sent meanwhile.
   */
  async settle({ deliver = true } = {}): Promise<SentNotification[]> {
    const before = this.sent.length;
    for (;;) {
      const verdicts = this.log.after<StoryClassified>(this.evaluatedUpTo, ['StoryClassified']);
      this.evaluatedUpTo = this.log.head;
      if (verdicts.length > 0) await this.evaluator.handle(verdicts, this.evaluatorDocuments);
      const dispatch = this.log.after<DispatchEvent>(this.dispatchedUpTo, DISPATCH_EVENT_TYPES);
      this.dispatchedUpTo = this.log.head;
      if (dispatch.length > 0) await this.dispatcher.handle(dispatch, this.dispatcherDocuments);
      const requests = deliver ? this.queued.splice(0) : [];
      for (const request of requests) await this.delivery.deliver(request);
      if (verdicts.length === 0 && dispatch.length === 0 && requests.length === 0) return this.sent.slice(before);
    }
  }

  /** The alert as `GET /alerts/:id` shows it. */
  async alert(alertId: string): Promise<AlertView | undefined> {
    return (await readAlert(this.log, alertId)).alert;
  }

  /** The dispatcher's record of what a subscription was told about a cluster. */
  async notification(clusterId: string, subscriptionId: string): Promise<NotificationState | undefined> {
    return this.dispatcherDocuments.get<NotificationState>(NOTIFICATIONS_COLLECTION, notificationKey(clusterId, subscriptionId));
  }

  private subscriberAt(channel: Channel, target: string): string {
    const id = this.targets.get(`${channel} ${target}`);
    if (!id) throw new Error(`nothing subscribed at ${channel} ${target}`);
    return id;
  }
}
