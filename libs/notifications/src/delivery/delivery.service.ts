import { DeliveryError, findDeliveryError } from '../delivery.error';
import { nextAttempt, type RetryPolicy } from '../delivery.policy';
import type { EmailSender } from '../email-sender.adapter';
import { renderAlertEmail } from '../email.message';
import type { SlackSender } from '../slack-sender.adapter';
import { buildSlackMessage } from '../slack.message';
import { serializeWebhookPayload } from '../webhook.payload';
import type { WebhookSender } from '../webhook-sender.adapter';
import type { AlertNotice } from '../notification.types';
import {
  alertStreamId,
  type AlertRaised,
  type AlertStreamEvent,
  type NotificationDelivered,
  type NotificationFailed,
} from '@chipwatch/alerts';
import type { EventStore, Recorded } from '@chipwatch/event-store';
import { readStory } from '@chipwatch/stories';
import { signingSecretKey, targetSecretKey } from '../subscriptions/subscription.events';
import { readSubscription } from '../subscriptions/subscription.projection';
import { buildAlertNotice, buildTestNotice } from './alert-notice';
import { notificationId, type DeliveryRequest } from './notification-plan';

export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'skipped';

/** Narrow on purpose: the log's reads and appends, the secrets beside it, and each channel's send. */
export interface DeliveryServiceDeps {
  store: Pick<EventStore, 'readStream' | 'append' | 'secrets'>;
  webhook: Pick<WebhookSender, 'send'>;
  slack: Pick<SlackSender, 'send'>;
  /** Undefined when SMTP is not configured: email deliveries then fail for good, with a reason. */
  email?: Pick<EmailSender, 'send'>;
  now: () => Date;
  random: () => number;
  policy?: Partial<RetryPolicy>;
  /** Queues the next attempt after `delayMs`. */
  scheduleRetry(request: DeliveryRequest, delayMs: number): Promise<void>;
  /**
   * The first alert a subscriber heard of in a cluster (the dispatcher's notification state), for
   * update jobs queued before jobs named it: their payload must still name that alert.
   */
  notificationAlertOf?(clusterId: string, subscriptionId: string): Promise<string | undefined>;
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
    const recordOn = request.notificationAlertId ?? request.alertId;
    const alertEvents = await store.readStream<AlertStreamEvent>(alertStreamId(recordOn));
    const recorded = alertEvents.find(isAlertRaised);
    if (!recorded) throw new DeliveryError('invalid-target', `alert ${recordOn} does not exist`);
    const ntfId = notificationId(request.clusterId, request.subscriptionId, request.update);
    if (this.alreadySettled(alertEvents, ntfId, request.attempt)) return 'skipped';

    const kind = request.update > 0 ? 'updated' : 'raised';
    // An update job queued before jobs named the notification's alert keeps its attempts where they
    // were (on its own alert), but its payload names the first alert, as alert.updated promises.
    const legacyUpdate = kind === 'updated' && request.notificationAlertId === undefined;
    const named = legacyUpdate ? await this.deps.notificationAlertOf?.(request.clusterId, request.subscriptionId) : undefined;
    const raised = named === undefined ? recorded : await this.readRaised(named, recorded);
    const updatedBy = kind === 'updated' ? await this.readRaised(request.alertId, raised) : undefined;
    const notice = buildAlertNotice({
      kind,
      alert: raised,
      updatedBy,
      story: await readStory(store, (updatedBy ?? raised).data.storyId),
      ruleIds: request.ruleIds,
      severity: request.severity,
    });
    const outcome = { request, recordOn, ntfId, notice };
    const subscription = await readSubscription(store, request.subscriptionId);
    if (!subscription || subscription.removed) {
      await this.recordFailure(outcome, { code: 'subscription-removed', error: 'the subscription was removed', final: true });
      return 'failed';
    }
    const started = performance.now();
    try {
      const status = await this.send(subscription.channel, request.subscriptionId, ntfId, notice);
      const delivered: NotificationDelivered = {
        type: 'NotificationDelivered',
        data: {
          alertId: recordOn,
          subscriptionId: request.subscriptionId,
          notificationId: ntfId,
          kind,
          attempt: request.attempt,
          status,
          ms: Math.round(performance.now() - started),
          ...toldIn(notice),
        },
      };
      await store.append(alertStreamId(recordOn), [{ id: `NotificationDelivered:${ntfId}`, ...delivered }]);
      return 'delivered';
    } catch (error) {
      const failure = findDeliveryError(error) ?? new DeliveryError('connection', (error as Error)?.message ?? String(error));
      const next = nextAttempt(
        { attempt: request.attempt, error: failure, now: this.deps.now(), random: this.deps.random },
        this.deps.policy,
      );
      const nextAttemptAt = next.final ? undefined : new Date(this.deps.now().getTime() + (next.delayMs ?? 0)).toISOString();
      await this.recordFailure(outcome, {
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

  /** The AlertRaised of another alert of the cluster (the one that raised an update's severity). */
  private async readRaised(alertId: string, known: Recorded<AlertRaised>): Promise<Recorded<AlertRaised>> {
    if (alertId === known.data.alertId) return known;
    const raised = (await this.deps.store.readStream<AlertStreamEvent>(alertStreamId(alertId))).find(isAlertRaised);
    if (!raised) throw new DeliveryError('invalid-target', `alert ${alertId} does not exist`);
    return raised;
  }

  /**
   * Sends a clearly marked test notification now and reports the receiver's answer. Records
   * nothing in the log: a test is not a notification.
   */
  async sendTest(subscriptionId: string): Promise<{ delivered: boolean; status?: number; ms: number; code?: string; error?: string }> {
    const subscription = await readSubscription(this.deps.store, subscriptionId);
    if (!subscription || subscription.removed) throw new DeliveryError('invalid-target', `no subscription ${subscriptionId}`);
    const now = this.deps.now();
    const started = performance.now();
    try {
      const status = await this.send(
        subscription.channel,
        subscriptionId,
        `test_${now.getTime().toString(36)}`,
        buildTestNotice(now.toISOString()),
      );
      return { delivered: true, status, ms: Math.round(performance.now() - started) };
    } catch (error) {
      const failure = findDeliveryError(error) ?? new DeliveryError('connection', String(error));
      return {
        delivered: false,
        status: failure.status,
        ms: Math.round(performance.now() - started),
        code: failure.code,
        error: failure.message,
      };
    }
  }

  /** Delivered, finally failed, or this very attempt already recorded. */
  private alreadySettled(events: readonly Recorded<AlertStreamEvent>[], ntfId: string, attempt: number): boolean {
    return events.some((event) => {
      if (event.type === 'NotificationDelivered') return event.data.notificationId === ntfId;
      return (
        event.type === 'NotificationFailed' && event.data.notificationId === ntfId && (event.data.final || event.data.attempt >= attempt)
      );
    });
  }

  private async send(channel: string, subscriptionId: string, ntfId: string, notice: AlertNotice): Promise<number> {
    const { store } = this.deps;
    const target = await store.secrets.get(targetSecretKey(subscriptionId));
    if (!target) throw new DeliveryError('invalid-target', 'the subscription has no target on record');
    switch (channel) {
      case 'webhook': {
        const secret = await store.secrets.get(signingSecretKey(subscriptionId));
        if (!secret) throw new DeliveryError('invalid-target', 'the subscription has no signing secret on record');
        const timestamp = Math.floor(this.deps.now().getTime() / 1000);
        return (await this.deps.webhook.send({ url: target, secret, webhookId: ntfId, timestamp, body: serializeWebhookPayload(notice) }))
          .status;
      }
      case 'slack':
        return (await this.deps.slack.send({ url: target, message: buildSlackMessage(notice) })).status;
      case 'email': {
        if (!this.deps.email)
          throw new DeliveryError('invalid-target', 'email is not configured: set CHIPWATCH_SMTP_URL and CHIPWATCH_SMTP_FROM');
        await this.deps.email.send({ to: target, message: renderAlertEmail(notice), messageId: `${ntfId}@chipwatch` });
        return 250;
      }
      default:
        throw new DeliveryError('invalid-target', `unknown channel ${channel}`);
    }
  }

  private async recordFailure(
    { request, recordOn, ntfId, notice }: { request: DeliveryRequest; recordOn: string; ntfId: string; notice: AlertNotice },
    outcome: { code: string; error: string; status?: number; final: boolean; nextAttemptAt?: string; ms?: number },
  ): Promise<void> {
    const failed: NotificationFailed = {
      type: 'NotificationFailed',
      data: {
        alertId: recordOn,
        subscriptionId: request.subscriptionId,
        notificationId: ntfId,
        kind: request.update > 0 ? 'updated' : 'raised',
        attempt: request.attempt,
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        code: outcome.code,
        error: outcome.error,
        final: outcome.final,
        ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
        ...(outcome.ms !== undefined ? { ms: outcome.ms } : {}),
        ...toldIn(notice),
      },
    };
    await this.deps.store.append(alertStreamId(recordOn), [{ id: `NotificationFailed:${ntfId}:${request.attempt}`, ...failed }]);
  }
}

function isAlertRaised(event: Recorded<AlertStreamEvent>): event is Recorded<AlertRaised> {
  return event.type === 'AlertRaised';
}

/** What a notification told, as its delivery events keep it (the alert's REST severity follows it). */
function toldIn(notice: AlertNotice): Pick<NotificationDelivered['data'], 'severity' | 'updatedBy' | 'updatedAt'> {
  const { severity, updatedBy, updatedAt } = notice.alert;
  return { severity, ...(updatedBy ? { updatedBy } : {}), ...(updatedAt ? { updatedAt } : {}) };
}
