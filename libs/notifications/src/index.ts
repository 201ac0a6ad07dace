export type {
  AlertNotice,
  AlertNoticeKind,
  NoticeAlert,
  NoticeClassification,
  NoticeEntities,
  NoticeEvidence,
  NoticeStory,
} from './notification.types';
export {
  DELIVERY_ERROR_CODES,
  DeliveryError,
  classifyNetworkError,
  findDeliveryError,
  isDeliveryError,
} from './delivery.error';
export type { DeliveryErrorCode, DeliveryErrorDetails } from './delivery.error';
export { DEFAULT_RETRY_POLICY, nextAttempt, parseRetryAfter, retrySchedule } from './delivery.policy';
export type { AttemptOutcome, NextAttempt, NextAttemptReason, RetryPolicy } from './delivery.policy';
export { assertPublicTarget, checkTargetUrl, classifyAddress, createGuardedLookup, isAllowedAddress } from './target.guard';
export type { AddressClass, HostResolver, ResolvedAddress, TargetGuardOptions } from './target.guard';
export { redactUrl } from './url.redaction';
export {
  WEBHOOK_SECRET_PREFIX,
  WebhookVerificationError,
  generateWebhookSecret,
  isValidWebhookSecret,
  signWebhook,
  verifyWebhook,
  webhookHeaders,
} from './webhook.signature';
export type {
  VerifyWebhookOptions,
  WebhookHeaders,
  WebhookMessage,
  WebhookVerificationFailure,
} from './webhook.signature';
export { buildWebhookPayload, serializeWebhookPayload } from './webhook.payload';
export type { WebhookEventType, WebhookPayload } from './webhook.payload';
export { DEFAULT_NOTIFICATION_USER_AGENT, HttpDeliveryClient } from './http-delivery.adapter';
export type { HttpDeliveryOptions, HttpDeliveryResult } from './http-delivery.adapter';
export { WebhookSender } from './webhook-sender.adapter';
export type { WebhookSendRequest, WebhookSendResult } from './webhook-sender.adapter';
export { buildSlackMessage, escapeSlackText } from './slack.message';
export type { SlackBlock, SlackMessage, SlackMessageOptions, SlackTextObject } from './slack.message';
export { SlackSender } from './slack-sender.adapter';
export type { SlackSendRequest, SlackSendResult } from './slack-sender.adapter';
export { escapeHtml, renderAlertEmail } from './email.message';
export type { AlertEmail, AlertEmailOptions } from './email.message';
export { EmailSender } from './email-sender.adapter';
export type { EmailSendRequest, EmailSendResult, EmailSenderOptions, EmailTransportSettings } from './email-sender.adapter';
export { ATOM_RULE_SCHEME, ATOM_SEVERITY_SCHEME, atomEntryId, renderAlertsAtom } from './alerts.atom';
export type { AlertsAtomInput, AtomAlert } from './alerts.atom';
export * from './subscriptions/subscription.events';
export { SUBSCRIPTIONS_COLLECTION, evolveSubscription, readSubscription, subscriptionProjection, type SubscriptionView } from './subscriptions/subscription.projection';
export { createSubscriptionSchema, updateSubscriptionSchema, type CreateSubscription, type UpdateSubscription } from './subscriptions/subscription.schema';
export {
  SubscriptionService,
  SubscriptionInputError,
  SubscriptionNotFoundError,
  SubscriptionManagedInConfigError,
  type CreatedSubscription,
} from './subscriptions/subscription.service';
export * from './delivery/notification-plan';
export { DeliveryService, type DeliveryOutcome, type DeliveryRequest } from './delivery/delivery.service';
export { NotificationsModule, NotificationChannels } from './notifications.module';
export { NotifyDispatcher, DISPATCH_EVENT_TYPES, BACKFILL_MS, type DispatchEvent } from './delivery/notify-dispatcher';
export { deferredDeliveryJob, deliveryJob } from './delivery/delivery-job';
export { StaticSubscribers, configSubscriptionId, type StaticSubscribersHooks, type StaticSubscribersSync } from './subscriptions/static-subscribers';
export { subscribersFileSchema } from './subscriptions/subscribers-file';
