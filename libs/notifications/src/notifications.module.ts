import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AlertsModule, RuleBook } from '@chipwatch/alerts';
import type { Settings } from '@chipwatch/config';
import type { EventStore } from '@chipwatch/event-store';
import { CLOCK, EVENT_STORE, JOB_QUEUE, SETTINGS, type Clock } from '@chipwatch/platform';
import type { JobQueue } from '@chipwatch/queue';
import { DeliveryService } from './delivery/delivery.service';
import { deliveryJob } from './delivery/delivery-job';
import { NOTIFICATIONS_COLLECTION, notificationKey, type NotificationState } from './delivery/notification-plan';
import { EmailSender } from './email-sender.adapter';
import { SlackSender } from './slack-sender.adapter';
import { SubscriptionService } from './subscriptions/subscription.service';
import { WebhookSender } from './webhook-sender.adapter';

/** Senders are shared per process: each keeps a connection pool. */
@Injectable()
export class NotificationChannels implements OnApplicationShutdown {
  readonly webhook: WebhookSender;
  readonly slack: SlackSender;
  readonly email: EmailSender | undefined;

  constructor(@Inject(SETTINGS) settings: Settings) {
    const options = { allowPrivate: settings.webhookAllowPrivate };
    this.webhook = new WebhookSender(options);
    this.slack = new SlackSender(options);
    this.email = settings.smtp ? new EmailSender(settings.smtp) : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    this.email?.close();
    await Promise.all([this.webhook.close(), this.slack.close()]);
  }
}

/** Subscriptions (event-sourced) and delivery over webhook, Slack and email. */
@Module({
  imports: [AlertsModule],
  providers: [
    NotificationChannels,
    {
      provide: SubscriptionService,
      inject: [EVENT_STORE, RuleBook, SETTINGS],
      useFactory: (store: EventStore, rules: RuleBook, settings: Settings) =>
        new SubscriptionService({
          store,
          ruleIds: () => rules.active().ruleSet.ruleIds,
          guard: { allowPrivate: settings.webhookAllowPrivate },
        }),
    },
    {
      provide: DeliveryService,
      inject: [EVENT_STORE, NotificationChannels, CLOCK, JOB_QUEUE, SETTINGS],
      useFactory: (store: EventStore, channels: NotificationChannels, clock: Clock, queue: JobQueue, settings: Settings) =>
        new DeliveryService({
          policy: settings.delivery,
          store,
          webhook: channels.webhook,
          slack: channels.slack,
          email: channels.email,
          now: () => clock.now(),
          random: Math.random,
          scheduleRetry: async (request, delayMs) => {
            await queue.enqueue(deliveryJob(request, delayMs));
          },
          notificationAlertOf: async (clusterId, subscriptionId) =>
            (await store.documents.get<NotificationState>(NOTIFICATIONS_COLLECTION, notificationKey(clusterId, subscriptionId)))
              ?.alertIds[0],
        }),
    },
  ],
  exports: [SubscriptionService, DeliveryService, NotificationChannels],
})
export class NotificationsModule {}
