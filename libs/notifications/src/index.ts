export { ATOM_SEVERITY_SCHEME, atomAlertOf, atomEntryId, renderAlertsAtom } from './alerts.atom';
export { deferredDeliveryJob, deliveryJob } from './delivery/delivery-job';
export { DeliveryService } from './delivery/delivery.service';
export { deliveryRequest, NOTIFICATIONS_COLLECTION, type NotificationState } from './delivery/notification-plan';
export { DISPATCH_EVENT_TYPES, type DispatchEvent, NotifyDispatcher } from './delivery/notify-dispatcher';
export { NotificationsModule } from './notifications.module';
export type { SlackMessage } from './slack.message';
export { StaticSubscribers, type StaticSubscribersSync } from './subscriptions/static-subscribers';
export {
  type Channel,
  isSubscriptionEvent,
  signingSecretKey,
  SUBSCRIPTION_EVENT_TYPES,
  SUBSCRIPTION_STREAM_PREFIX,
  type SubscriptionCreated,
  type SubscriptionEvent,
  type SubscriptionRemoved,
  type SubscriptionSecretRotated,
  subscriptionStreamId,
  type SubscriptionUpdated,
  targetSecretKey,
} from './subscriptions/subscription.events';
export { subscriptionProjection, SUBSCRIPTIONS_COLLECTION, type SubscriptionView } from './subscriptions/subscription.projection';
export {
  type CreateSubscription,
  createSubscriptionSchema,
  type UpdateSubscription,
  updateSubscriptionSchema,
} from './subscriptions/subscription.schema';
export {
  type CreatedSubscription,
  SubscriptionInputError,
  SubscriptionManagedInConfigError,
  SubscriptionNotFoundError,
  SubscriptionService,
} from './subscriptions/subscription.service';
export type { WebhookPayload } from './webhook.payload';
export { generateWebhookSecret } from './webhook.signature';
