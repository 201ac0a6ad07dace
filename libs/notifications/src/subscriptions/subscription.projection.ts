import type { Severity } from '@chipwatch/alerts';
import type { EventStore, Projection, Recorded } from '@chipwatch/event-store';
import {
  SUBSCRIPTION_EVENT_TYPES,
  SUBSCRIPTION_STREAM_PREFIX,
  subscriptionStreamId,
  type Channel,
  type SubscriptionEvent,
} from './subscription.events';

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
export function evolveSubscription(
  state: SubscriptionView | undefined,
  event: SubscriptionEvent,
  at: string,
): SubscriptionView | undefined {
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

/** Subscription documents: who is subscribed, for GET /subscriptions and notification dispatch. */
export const subscriptionProjection: Projection<SubscriptionEvent, SubscriptionView> = {
  name: 'subscriptions',
  collection: SUBSCRIPTIONS_COLLECTION,
  filter: { types: SUBSCRIPTION_EVENT_TYPES, streamPrefix: SUBSCRIPTION_STREAM_PREFIX },
  key: (event) => event.data.subscriptionId,
  evolve: (state, event) => evolveSubscription(state, event, event.recordedAt),
};

export function foldSubscription(events: readonly Recorded<SubscriptionEvent>[]): SubscriptionView | undefined {
  let view: SubscriptionView | undefined;
  for (const event of events) view = evolveSubscription(view, event, event.recordedAt);
  return view;
}

/** A subscription folded from its stream (not the projection, which may lag): for decisions about it. */
export async function readSubscription(
  store: Pick<EventStore, 'readStream'>,
  subscriptionId: string,
): Promise<SubscriptionView | undefined> {
  return foldSubscription(await store.readStream<SubscriptionEvent>(subscriptionStreamId(subscriptionId)));
}
