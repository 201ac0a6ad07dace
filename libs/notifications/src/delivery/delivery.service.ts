import { DeliveryError, findDeliveryError } from '../delivery.error';
import { nextAttempt, type RetryPolicy } from '../delivery.policy';
import type { EmailSender } from '../email-sender.adapter';
import { renderAlertEmail } from '../email.message';
import type { AlertNotice } from '../notification.types';
import type { SlackSender } from '../slack-sender.adapter';
import { buildSlackMessage } from '../slack.message';
import { serializeWebhookPayload } from '../webhook.payload';
import type { WebhookSender } from '../webhook-sender.adapter';
import { alertStreamId, type AlertRaised, type AlertStreamEvent, type NotificationDelivered, type NotificationFailed, type Severity } from '@chipwatch/alerts';
import type { EventStore, Recorded } from '@chipwatch/event-store';
import { readStory, type StoryView } from '@chipwatch/stories';
import { signingSecretKey, targetSecretKey } from '../subscriptions/subscription.events';
import { readSubscription } from '../subscriptions/subscription.projection';
import { notificationId } from './notification-plan';

/** One delivery attempt, as the `deliver-notification` job carries it. */
export interface DeliveryRequest {
  alertId: string;
  subscriptionId: string;
  clusterId: string;
  /** 0 for the first notification of the cluster, 1 for the update. */
  update: number;
  ruleIds: string[];
  severity: Severity;
  attempt: number;
}

export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'skipped';

export interface DeliveryServiceDeps {
  store: EventStore;
  webhook: WebhookSender;
  slack: SlackSender;
  /** Undefined when SMTP is not configured: email deliveries then fail for good, with a reason. */
  email?: EmailSender;
  now: () => Date;
  random: () => number;
  policy?: Partial<RetryPolicy>;
  /** Queues the next attempt after `delayMs`. */
  scheduleRetry(request: DeliveryRequest, delayMs: number): Promise<void>;
}

/**
 * Sends one notification attempt and records its outcome on the alert's stream:
 * NotificationDelivered, or NotificationFailed with `final` and the next attempt's time. Checks
 * the log first, so a repeated job (a restart, a flushed queue) sends nothing twice that the log
 * shows as sent, and a removed subscription receives nothing.
 */
export class DeliveryService {
  constructor(private readonly deps: DeliveryServiceDeps) {}

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const { store } = this.deps;
    const alertEvents = await store.readStream<AlertStreamEvent>(alertStreamId(request.alertId));
    const raised = alertEvents.find((e): e is Recorded<AlertRaised> => e.type === 'AlertRaised');
    if (!raised) throw new DeliveryError('invalid-target', `alert ${request.alertId} does not exist`);
    const ntfId = notificationId(request.clusterId, request.subscriptionId, request.update);
    if (this.alreadySettled(alertEvents, ntfId, request.attempt)) return 'skipped';

    const subscription = await readSubscription(store, request.subscriptionId);
    const kind = request.update > 0 ? 'updated' : 'raised';
    if (!subscription || subscription.removed) {
      await this.recordFailure(request, ntfId, kind, { code: 'subscription-removed', error: 'the subscription was removed', final: true });
      return 'failed';
    }
    const notice = this.notice(request, raised, await readStory(store, raised.data.storyId), kind);
    const started = performance.now();
    try {
      const status = await this.send(subscription.channel, request, ntfId, notice);
      const delivered: NotificationDelivered = {
        type: 'NotificationDelivered',
        data: { alertId: request.alertId, subscriptionId: request.subscriptionId, notificationId: ntfId, kind, attempt: request.attempt, status, ms: Math.round(performance.now() - started) },
      };
      await store.append(alertStreamId(request.alertId), [{ id: `NotificationDelivered:${ntfId}`, ...delivered }]);
      return 'delivered';
    } catch (error) {
      const failure = findDeliveryError(error) ?? new DeliveryError('connection', (error as Error)?.message ?? String(error));
      const next = nextAttempt({ attempt: request.attempt, error: failure, now: this.deps.now(), random: this.deps.random }, this.deps.policy);
      const nextAttemptAt = next.final ? undefined : new Date(this.deps.now().getTime() + (next.delayMs ?? 0)).toISOString();
      await this.recordFailure(request, ntfId, kind, {
        code: failure.code,
        error: failure.message,
        status: failure.status,
        final: next.final,
        nextAttemptAt,
        ms: Math.round(performance.now() - started),
      });
      if (next.final) return 'failed';
      await this.deps.scheduleRetry({ ...request, attempt: request.attempt + 1 }, next.delayMs ?? 0);
      return 'retry';
    }
  }

  /**
   * Sends a clearly marked test notification now and reports the receiver's answer. Records
   * nothing in the log: a test is not a notification.
   */
  async sendTest(subscriptionId: string): Promise<{ delivered: boolean; status?: number; ms: number; code?: string; error?: string }> {
    const subscription = await readSubscription(this.deps.store, subscriptionId);
    if (!subscription || subscription.removed) throw new DeliveryError('invalid-target', `no subscription ${subscriptionId}`);
    const now = this.deps.now().toISOString();
    const notice: AlertNotice = {
      kind: 'raised',
      alert: { id: 'test', ruleId: 'test', ruleIds: ['test'], severity: 'info', raisedAt: now },
      story: { id: 'test', title: 'chipwatch test notification', url: 'https://example.invalid/chipwatch-test', feedId: 'chipwatch', language: 'en', summary: 'This is a test of your chipwatch subscription. No alert was raised.' },
      classification: { score: 0, subtopics: [], entities: { companies: [], products: [], agencies: [], jurisdictions: [] }, evidence: [] },
    };
    const request: DeliveryRequest = { alertId: 'test', subscriptionId, clusterId: 'test', update: 0, ruleIds: ['test'], severity: 'info', attempt: 1 };
    const started = performance.now();
    try {
      const status = await this.send(subscription.channel, request, `test_${Date.now().toString(36)}`, notice);
      return { delivered: true, status, ms: Math.round(performance.now() - started) };
    } catch (error) {
      const failure = findDeliveryError(error) ?? new DeliveryError('connection', String(error));
      return { delivered: false, status: failure.status, ms: Math.round(performance.now() - started), code: failure.code, error: failure.message };
    }
  }

  /** Delivered, finally failed, or this very attempt already recorded. */
  private alreadySettled(events: readonly Recorded<AlertStreamEvent>[], ntfId: string, attempt: number): boolean {
    return events.some((event) => {
      if (event.type === 'NotificationDelivered') return event.data.notificationId === ntfId;
      return event.type === 'NotificationFailed' && event.data.notificationId === ntfId && (event.data.final || event.data.attempt >= attempt);
    });
  }

  private async send(channel: string, request: DeliveryRequest, ntfId: string, notice: AlertNotice): Promise<number> {
    const { store } = this.deps;
    const target = await store.secrets.get(targetSecretKey(request.subscriptionId));
    if (!target) throw new DeliveryError('invalid-target', 'the subscription has no target on record');
    switch (channel) {
      case 'webhook': {
        const secret = await store.secrets.get(signingSecretKey(request.subscriptionId));
        if (!secret) throw new DeliveryError('invalid-target', 'the subscription has no signing secret on record');
        const timestamp = Math.floor(this.deps.now().getTime() / 1000);
        return (await this.deps.webhook.send({ url: target, secret, webhookId: ntfId, timestamp, body: serializeWebhookPayload(notice) })).status;
      }
      case 'slack':
        return (await this.deps.slack.send({ url: target, message: buildSlackMessage(notice) })).status;
      case 'email': {
        if (!this.deps.email) throw new DeliveryError('invalid-target', 'email is not configured: set CHIPWATCH_SMTP_URL and CHIPWATCH_SMTP_FROM');
        await this.deps.email.send({ to: target, message: renderAlertEmail(notice), messageId: `${ntfId}@chipwatch` });
        return 250;
      }
      default:
        throw new DeliveryError('invalid-target', `unknown channel ${channel}`);
    }
  }

  private async recordFailure(
    request: DeliveryRequest,
    ntfId: string,
    kind: 'raised' | 'updated',
    outcome: { code: string; error: string; status?: number; final: boolean; nextAttemptAt?: string; ms?: number },
  ): Promise<void> {
    const failed: NotificationFailed = {
      type: 'NotificationFailed',
      data: {
        alertId: request.alertId,
        subscriptionId: request.subscriptionId,
        notificationId: ntfId,
        kind,
        attempt: request.attempt,
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        code: outcome.code,
        error: outcome.error,
        final: outcome.final,
        ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
        ...(outcome.ms !== undefined ? { ms: outcome.ms } : {}),
      },
    };
    await this.deps.store.append(alertStreamId(request.alertId), [{ id: `NotificationFailed:${ntfId}:${request.attempt}`, ...failed }]);
  }

  private notice(request: DeliveryRequest, raised: Recorded<AlertRaised>, story: StoryView | undefined, kind: 'raised' | 'updated'): AlertNotice {
    const alert = raised.data;
    const classification = story?.classification;
    return {
      kind,
      alert: {
        id: request.alertId,
        ruleId: alert.ruleId,
        ruleIds: request.ruleIds,
        severity: request.severity,
        raisedAt: raised.recordedAt,
        ...(kind === 'updated' ? { updatedAt: this.deps.now().toISOString() } : {}),
      },
      story: {
        id: alert.storyId,
        title: story?.title ?? '',
        url: story?.url ?? '',
        feedId: story?.feedId ?? '',
        language: story === undefined ? 'und' : story.language === 'und' && classification ? classification.language : story.language,
        ...(story?.publishedAt ? { publishedAt: story.publishedAt } : {}),
        ...(story?.summary ? { summary: story.summary } : {}),
      },
      classification: classification
        ? { score: classification.score, subtopics: classification.subtopics, entities: classification.entities, evidence: classification.evidence }
        : {
        score: alert.score,
        subtopics: alert.subtopics,
        entities: { companies: [], products: [], agencies: [], jurisdictions: [] },
        evidence: alert.evidence,
      },
    };
  }
}
