import type { Severity } from '@chipwatch/alerts';
import type { Channel, SubscriptionEvent } from './subscription.events';

export const SUBSCRIPTIONS_COLLECTION = 'subscriptions';

/** A subscription as REST shows it (no secrets) and as delivery reads it. */
export interface SubscriptionView {
  id: string;
  name: string;
  channel: Channel;
  target: string;
  minSeverity: Severity;
  rules: string[] | null;
  source: 'api' | 'config';
  createdAt: string;
  updatedAt: string;
  secretRotatedAt: string | null;
  removed: boolean;
}

/** Pure fold; undefined before SubscriptionCreated. */
export function evolveSubscription(state: SubscriptionView | undefined, event: SubscriptionEvent, at: string): SubscriptionView | undefined {
  switch (event.type) {
    case 'SubscriptionCreated': {
      const { subscriptionId, ...fields } = event.data;
      return { id: subscriptionId, ...fields, createdAt: at, updatedAt: at, secretRotatedAt: null, removed: false };
    }
    case 'SubscriptionUpdated': {
      if (!state) return state;
      const { subscriptionId: _id, ...changes } = event.data;
      return { ...state, ...changes, updatedAt: at };
    }
    case 'SubscriptionSecretRotated':
      return state && { ...state, secretRotatedAt: at, updatedAt: at };
    case 'SubscriptionRemoved':
      return state && { ...state, removed: true, updatedAt: at };
  }
}
