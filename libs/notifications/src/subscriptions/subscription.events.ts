/** Stream `subscription-<subscriptionId>`. Targets and secrets are never in these events. */
export type Channel = 'webhook' | 'slack' | 'email';
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export type SubscriptionCreated = {
  type: 'SubscriptionCreated';
  data: {
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
  };
};

export type SubscriptionUpdated = {
  type: 'SubscriptionUpdated';
  data: {
    subscriptionId: string;
    name?: string;
    target?: string;
    minSeverity?: Severity;
    rules?: string[] | null;
  };
};

export type SubscriptionSecretRotated = {
  type: 'SubscriptionSecretRotated';
  data: { subscriptionId: string };
};

export type SubscriptionRemoved = {
  type: 'SubscriptionRemoved';
  data: { subscriptionId: string };
};

export type SubscriptionEvent = SubscriptionCreated | SubscriptionUpdated | SubscriptionSecretRotated | SubscriptionRemoved;

export const subscriptionStreamId = (subscriptionId: string): string => `subscription-${subscriptionId}`;
/** Secret-store keys: the signing secret, and the full target URL (Slack URLs are credentials). */
export const signingSecretKey = (subscriptionId: string): string => `subscription-secret:${subscriptionId}`;
export const targetSecretKey = (subscriptionId: string): string => `subscription-target:${subscriptionId}`;
