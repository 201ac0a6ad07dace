import { NOTIFICATION_EVENT_TYPES, severityRank, type AlertRaised, type NotificationEvent, type Severity } from '@chipwatch/alerts';
import { ReadAheadDocumentTx, type DocumentTx, type Recorded } from '@chipwatch/event-store';
import { settleAll } from '@chipwatch/platform';
import { SUBSCRIPTION_EVENT_TYPES, type SubscriptionEvent } from '../subscriptions/subscription.events';
import { evolveSubscription, type SubscriptionView } from '../subscriptions/subscription.projection';
import {
  deliveryRequest,
  NOTIFICATIONS_COLLECTION,
  notificationId,
  notificationKey,
  planNotification,
  subscriptionWants,
  type DeliveryRequest,
  type NotificationState,
  type RaisedAlert,
} from './notification-plan';

/** The dispatcher's own copy of subscriptions, in log order with the alerts it dispatches. */
const SUBSCRIBERS = 'dispatch-subscribers';
/** Recent alerts, for a new subscription's backfill. Keyed by zero-padded position. */
const RECENT_ALERTS = 'dispatch-recent-alerts';
/** Alert id → story cluster, to find a delivery's notification. */
const ALERT_CLUSTERS = 'dispatch-alert-clusters';

/**
 * A new subscription receives the alerts raised this long before it was created, so subscribing
 * shows what is happening now rather than starting silent.
 */
export const BACKFILL_MS = 60 * 60_000;

/** What the dispatcher follows: alerts, their deliveries, and who is subscribed. */
export type DispatchEvent = AlertRaised | NotificationEvent | SubscriptionEvent;

export const DISPATCH_EVENT_TYPES: readonly DispatchEvent['type'][] = [
  'AlertRaised',
  ...NOTIFICATION_EVENT_TYPES,
  ...SUBSCRIPTION_EVENT_TYPES,
];

interface RecentAlert extends RaisedAlert {
  at: string;
  /** The alerts raised by the same decision (same story, same classification), this one included. */
  siblings: { alertId: string; ruleId: string; severity: Severity }[];
}

/**
 * What one batch shares. Each await of a handler is a round trip to PostgreSQL or Redis in the
 * distributed mode, and per alert they added up to seconds behind a burst: the subscriber list is
 * read once per batch (again after a subscription event), the notification states the batch's
 * alerts will look at are read together up front, the jobs go out together before the batch
 * ends, and old recent alerts are forgotten once per batch.
 */
interface Batch {
  documents: ReadAheadDocumentTx;
  subscribers?: SubscriptionView[];
  enqueues: Promise<void>[];
  latestAlertAt?: string;
}

/**
 * Decides who hears of each alert. Runs as one log subscription over alert and subscription
 * streams, so "was this subscription there when the alert was raised" follows log order. Jobs
 * are queued under derived ids before the checkpoint moves: a replayed batch queues nothing new.
 */
export class NotifyDispatcher {
  constructor(private readonly enqueue: (request: DeliveryRequest) => Promise<void>) {}

  async handle(events: readonly Recorded<DispatchEvent>[], documents: DocumentTx): Promise<void> {
    const batch: Batch = { documents: new ReadAheadDocumentTx(documents), enqueues: [] };
    try {
      await this.readAhead(events, batch);
      for (const event of events) {
        if (event.type === 'AlertRaised') await this.onAlert(event, batch);
        else if (event.type === 'NotificationDelivered' || event.type === 'NotificationFailed') await this.onDelivery(event, batch);
        else await this.onSubscription(event, batch);
      }
      if (batch.latestAlertAt)
        await this.forgetOlderThan(new Date(Date.parse(batch.latestAlertAt) - BACKFILL_MS).toISOString(), batch.documents);
    } finally {
      // Settled either way, so no enqueue is left rejecting unobserved; the first failure fails the batch.
      await settleAll(batch.enqueues);
    }
  }

  /** The docs this batch's alerts and deliveries will look at, read together. */
  private async readAhead(events: readonly Recorded<DispatchEvent>[], batch: Batch): Promise<void> {
    const alerts = events.flatMap((e) => (e.type === 'AlertRaised' ? [e.data] : []));
    const deliveries = events.flatMap((e) => (e.type === 'NotificationDelivered' || e.type === 'NotificationFailed' ? [e.data] : []));
    if (alerts.length === 0 && deliveries.length === 0) return;
    const subscribers = alerts.length > 0 ? await this.subscribers(batch) : [];
    await batch.documents.readAhead(
      ALERT_CLUSTERS,
      deliveries.map((delivery) => delivery.alertId),
    );
    const keys = alerts.flatMap(({ clusterId }) => subscribers.map((s) => notificationKey(clusterId, s.id)));
    for (const delivery of deliveries) {
      const clusterId = await batch.documents.get<string>(ALERT_CLUSTERS, delivery.alertId);
      if (clusterId) keys.push(notificationKey(clusterId, delivery.subscriptionId));
    }
    await batch.documents.readAhead(NOTIFICATIONS_COLLECTION, keys);
  }

  private async subscribers(batch: Batch): Promise<SubscriptionView[]> {
    batch.subscribers ??= (await batch.documents.list<SubscriptionView>(SUBSCRIBERS, { limit: 100_000 })).map((entry) => entry.doc);
    return batch.subscribers;
  }

  private async onAlert(event: Recorded<AlertRaised>, batch: Batch): Promise<void> {
    const documents = batch.documents;
    const { data } = event;
    const self = { alertId: data.alertId, ruleId: data.ruleId, severity: data.severity };
    const alert: RecentAlert = { ...self, clusterId: data.clusterId, at: event.recordedAt, siblings: data.siblings ?? [self] };
    documents.put(RECENT_ALERTS, event.position.toString().padStart(15, '0'), alert);
    documents.put(ALERT_CLUSTERS, alert.alertId, alert.clusterId);
    batch.latestAlertAt = alert.at;
    for (const subscription of await this.subscribers(batch)) await this.offer(alert, subscription, batch);
  }

  /**
   * Offers one alert to one subscription. Of the alerts one decision raised, the one of highest
   * severity that the subscription wants leads (the first of them in rule order on a tie): it is
   * planned with its own severity and carries all their rules, so the alert a notification names
   * has the severity it tells. The others are only recorded on the same notification.
   */
  private async offer(alert: RecentAlert, subscription: SubscriptionView, batch: Batch): Promise<void> {
    const key = notificationKey(alert.clusterId, subscription.id);
    const current = await batch.documents.get<NotificationState>(NOTIFICATIONS_COLLECTION, key);
    const wanted = alert.siblings.filter((s) => subscriptionWants(subscription, { ...s, clusterId: alert.clusterId }));
    const lead = wanted.reduce<(typeof wanted)[number] | undefined>(
      (best, s) => (!best || severityRank(s.severity) > severityRank(best.severity) ? s : best),
      undefined,
    );
    if (!lead) return;
    if (lead.alertId !== alert.alertId) {
      if (current && !current.alertIds.includes(alert.alertId)) {
        batch.documents.put(NOTIFICATIONS_COLLECTION, key, { ...current, alertIds: [...current.alertIds, alert.alertId] });
      }
      return;
    }
    const plan = planNotification(current, subscription, {
      alertId: lead.alertId,
      ruleId: lead.ruleId,
      severity: lead.severity,
      clusterId: alert.clusterId,
    });
    if (plan.action === 'ignore') return;
    for (const sibling of wanted) {
      if (!plan.state.ruleIds.includes(sibling.ruleId)) plan.state.ruleIds.push(sibling.ruleId);
      if (!plan.state.alertIds.includes(sibling.alertId)) plan.state.alertIds.push(sibling.alertId);
    }
    batch.documents.put(NOTIFICATIONS_COLLECTION, key, plan.state);
    if (plan.action === 'send') batch.enqueues.push(this.enqueue(deliveryRequest(plan.state, 1)));
  }

  /** Keeps each notification's status, for the reconciler and for people. */
  private async onDelivery(event: Recorded<NotificationEvent>, batch: Batch): Promise<void> {
    const { data } = event;
    const failed = event.type === 'NotificationFailed' ? event.data : undefined;
    const clusterId = await batch.documents.get<string>(ALERT_CLUSTERS, data.alertId);
    if (!clusterId) return;
    const key = notificationKey(clusterId, data.subscriptionId);
    const state = await batch.documents.get<NotificationState>(NOTIFICATIONS_COLLECTION, key);
    // Only the current send's attempts: an update's are recorded on the first alert's stream too.
    if (!state || data.notificationId !== notificationId(state.clusterId, state.subscriptionId, state.update)) return;
    const next: NotificationState = {
      ...state,
      status: !failed ? 'delivered' : failed.final ? 'failed' : 'pending',
      attempts: Math.max(state.attempts, data.attempt),
      nextAttemptAt: !failed || failed.final ? null : (failed.nextAttemptAt ?? null),
    };
    batch.documents.put(NOTIFICATIONS_COLLECTION, key, next);
  }

  private async onSubscription(event: Recorded<SubscriptionEvent>, batch: Batch): Promise<void> {
    const documents = batch.documents;
    batch.subscribers = undefined;
    const id = event.data.subscriptionId;
    const after = evolveSubscription(await documents.get<SubscriptionView>(SUBSCRIBERS, id), event, event.recordedAt);
    if (!after) return;
    if (after.removed) documents.delete(SUBSCRIBERS, id);
    else documents.put(SUBSCRIBERS, id, after);
    if (event.type !== 'SubscriptionCreated') return;
    const since = new Date(Date.parse(event.recordedAt) - BACKFILL_MS).toISOString();
    const recent = (await documents.list<RecentAlert>(RECENT_ALERTS, { order: 'desc', limit: 1000 })).map((entry) => entry.doc);
    // Oldest first, as they were raised, so the plan sees them in the same order as live.
    for (const alert of recent.filter((a) => a.at >= since).reverse()) await this.offer(alert, after, batch);
  }

  /** Recent alerts are kept for the backfill window only. */
  private async forgetOlderThan(since: string, documents: DocumentTx): Promise<void> {
    for (const { key, doc } of await documents.list<RecentAlert>(RECENT_ALERTS, { limit: 100 })) {
      if (doc.at >= since) return;
      documents.delete(RECENT_ALERTS, key);
    }
  }
}
