import type { Severity } from '@chipwatch/alerts';
import { eventTypesOf, isEventOf, type Event } from '@chipwatch/event-store';

/** Stream `subscription-<subscriptionId>`. Targets and secrets are never in these events. */
export type Channel = 'webhook' | 'slack' | 'email';

export type SubscriptionCreated = Event<
  'SubscriptionCreated',
  {
    subscriptionId: string;
    name: string;
    channel: Channel;
    /** For display: the URL with tokens redacted, or the email address. The real target is a secret. */
    target: string;
    minSeverity: Severity;
    /** Only alerts of these rules; null = every rule. */
    rules: string[] | null;
    /** `api` or `config` (subscribers.yaml). */
    source: 'api' | 'config';
  }
>;

export type SubscriptionUpdated = Event<
  'SubscriptionUpdated',
  {
    subscriptionId: string;
    name?: string;
    target?: string;
    minSeverity?: Severity;
    rules?: string[] | null;
  }
>;

export type SubscriptionSecretRotated = Event<'SubscriptionSecretRotated', { subscriptionId: string }>;

export type SubscriptionRemoved = Event<'SubscriptionRemoved', { subscriptionId: string }>;

export type SubscriptionEvent = SubscriptionCreated | SubscriptionUpdated | SubscriptionSecretRotated | SubscriptionRemoved;

export const SUBSCRIPTION_EVENT_TYPES = eventTypesOf<SubscriptionEvent>({
  SubscriptionCreated: true,
  SubscriptionUpdated: true,
  SubscriptionSecretRotated: true,
  SubscriptionRemoved: true,
});
export const isSubscriptionEvent = isEventOf<SubscriptionEvent>(SUBSCRIPTION_EVENT_TYPES);
export const SUBSCRIPTION_STREAM_PREFIX = 'subscription-';
export const subscriptionStreamId = (subscriptionId: string): string => `${SUBSCRIPTION_STREAM_PREFIX}${subscriptionId}`;
/** Secret-store keys: the signing secret, and the full target URL (Slack URLs are credentials). */
export const signingSecretKey = (subscriptionId: string): string => `subscription-secret:${subscriptionId}`;
export const targetSecretKey = (subscriptionId: string): string => `subscription-target:${subscriptionId}`;
