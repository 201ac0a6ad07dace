import { randomBytes } from 'node:crypto';
import type { EventStore } from '@chipwatch/event-store';
import { assertPublicTarget, type TargetGuardOptions } from '../target.guard';
import { redactUrl } from '../url.redaction';
import { generateWebhookSecret } from '../webhook.signature';
import { signingSecretKey, subscriptionStreamId, targetSecretKey, type SubscriptionEvent } from './subscription.events';
import { foldSubscription, type SubscriptionView } from './subscription.projection';
import type { CreateSubscription, UpdateSubscription } from './subscription.schema';

/** A request that names something that does not exist or may not be used; `field` says which. */
export class SubscriptionInputError extends Error {
  readonly code = 'invalid-subscription';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'SubscriptionInputError';
  }
}

export interface SubscriptionServiceDeps {
  store: EventStore;
  /** Rule ids of the active rule set, for validating `rules`. */
  ruleIds: () => readonly string[];
  guard: TargetGuardOptions;
}

export interface CreatedSubscription extends SubscriptionView {
  /** Shown once, in the creation response (webhooks only). */
  secret?: string;
}

/**
 * Subscriptions are event-sourced (SubscriptionCreated / Updated / SecretRotated / Removed).
 * Targets and signing secrets go to the secret store, never into events: a Slack webhook URL is
 * itself a credential, and the log is readable over REST.
 */
export class SubscriptionService {
  constructor(private readonly deps: SubscriptionServiceDeps) {}

  /**
   * `source: 'config'` is for subscribers.yaml: the id is derived from the file and the webhook
   * secret comes from the environment; REST then may not change or remove the subscription.
   */
  async create(
    input: CreateSubscription,
    source: 'api' | 'config' = 'api',
    id = newSubscriptionId(),
    givenSecret?: string,
  ): Promise<CreatedSubscription> {
    this.checkRules(input.rules);
    const target = input.channel === 'email' ? input.email! : await this.checkUrl(input.url!);
    const secret = input.channel === 'webhook' ? (givenSecret ?? generateWebhookSecret()) : undefined;
    await this.deps.store.secrets.put(targetSecretKey(id), target);
    if (secret) await this.deps.store.secrets.put(signingSecretKey(id), secret);
    const event: SubscriptionEvent = {
      type: 'SubscriptionCreated',
      data: {
        subscriptionId: id,
        name: input.name,
        channel: input.channel,
        target: input.channel === 'email' ? target : redactUrl(target),
        minSeverity: input.minSeverity,
        rules: input.rules ?? null,
        source,
      },
    };
    await this.deps.store.append(subscriptionStreamId(id), [{ id: `SubscriptionCreated:${id}`, ...event }], {
      expectedVersion: 'no-stream',
    });
    return { ...(await this.require(id)), ...(secret ? { secret } : {}) };
  }

  async update(id: string, input: UpdateSubscription, by: 'api' | 'config' = 'api'): Promise<SubscriptionView> {
    const { view, version } = await this.load(id);
    if (!view || view.removed) throw new SubscriptionNotFoundError(id);
    if (by === 'api') assertNotFromConfig(view);
    this.checkRules(input.rules ?? undefined);
    if (input.url !== undefined && view.channel === 'email') throw new SubscriptionInputError('url', 'not used by the email channel');
    if (input.email !== undefined && view.channel !== 'email')
      throw new SubscriptionInputError('email', `not used by the ${view.channel} channel`);
    let target: string | undefined;
    if (input.url !== undefined) target = await this.checkUrl(input.url);
    if (input.email !== undefined) target = input.email;
    if (target !== undefined) await this.deps.store.secrets.put(targetSecretKey(id), target);
    const data = {
      subscriptionId: id,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(target !== undefined ? { target: view.channel === 'email' ? target : redactUrl(target) } : {}),
      ...(input.minSeverity !== undefined ? { minSeverity: input.minSeverity } : {}),
      ...(input.rules !== undefined ? { rules: input.rules } : {}),
    };
    await this.deps.store.append(subscriptionStreamId(id), [{ type: 'SubscriptionUpdated', data }], { expectedVersion: version });
    return this.require(id);
  }

  /** A new signing secret: generated for REST; for subscribers.yaml, the one its environment names. */
  async rotateSecret(id: string, given?: string): Promise<SubscriptionView & { secret: string }> {
    const { view, version } = await this.load(id);
    if (!view || view.removed) throw new SubscriptionNotFoundError(id);
    if (given === undefined) assertNotFromConfig(view);
    if (view.channel !== 'webhook') throw new SubscriptionInputError('channel', `a ${view.channel} subscription has no signing secret`);
    const secret = given ?? generateWebhookSecret();
    await this.deps.store.secrets.put(signingSecretKey(id), secret);
    await this.deps.store.append(subscriptionStreamId(id), [{ type: 'SubscriptionSecretRotated', data: { subscriptionId: id } }], {
      expectedVersion: version,
    });
    return { ...(await this.require(id)), secret };
  }

  async remove(id: string, by: 'api' | 'config' = 'api'): Promise<void> {
    const { view, version } = await this.load(id);
    if (!view || view.removed) throw new SubscriptionNotFoundError(id);
    if (by === 'api') assertNotFromConfig(view);
    await this.deps.store.append(
      subscriptionStreamId(id),
      [{ id: `SubscriptionRemoved:${id}`, type: 'SubscriptionRemoved', data: { subscriptionId: id } }],
      {
        expectedVersion: version,
      },
    );
    await this.deps.store.secrets.delete(signingSecretKey(id));
    await this.deps.store.secrets.delete(targetSecretKey(id));
  }

  /** Read-your-writes: folded from the stream, not the (possibly lagging) projection. */
  async get(id: string): Promise<SubscriptionView | undefined> {
    const { view } = await this.load(id);
    return view && !view.removed ? view : undefined;
  }

  async require(id: string): Promise<SubscriptionView> {
    const view = await this.get(id);
    if (!view) throw new SubscriptionNotFoundError(id);
    return view;
  }

  private async load(id: string): Promise<{ view: SubscriptionView | undefined; version: number }> {
    const events = await this.deps.store.readStream<SubscriptionEvent>(subscriptionStreamId(id));
    return { view: foldSubscription(events), version: events.length ? events[events.length - 1].streamVersion : 0 };
  }

  private checkRules(rules: readonly string[] | null | undefined): void {
    if (!rules) return;
    const known = new Set(this.deps.ruleIds());
    rules.forEach((rule, index) => {
      if (!known.has(rule))
        throw new SubscriptionInputError(`rules.${index}`, `unknown rule id "${rule}" (active rules: ${[...known].join(', ') || 'none'})`);
    });
  }

  private async checkUrl(url: string): Promise<string> {
    try {
      return (await assertPublicTarget(url, this.deps.guard)).url.toString();
    } catch (error) {
      throw new SubscriptionInputError('url', (error as Error).message);
    }
  }
}

/** REST may not change what subscribers.yaml declares: the next sync would undo it. */
export class SubscriptionManagedInConfigError extends Error {
  readonly code = 'managed-in-config';
  constructor(readonly subscriptionId: string) {
    super(`subscription ${subscriptionId} is declared in subscribers.yaml: change it there`);
    this.name = 'SubscriptionManagedInConfigError';
  }
}

function assertNotFromConfig(view: SubscriptionView): void {
  if (view.source === 'config') throw new SubscriptionManagedInConfigError(view.id);
}

export class SubscriptionNotFoundError extends Error {
  readonly code = 'subscription-not-found';
  constructor(readonly subscriptionId: string) {
    super(`no subscription ${subscriptionId}`);
    this.name = 'SubscriptionNotFoundError';
  }
}

function newSubscriptionId(): string {
  return `sub_${randomBytes(10).toString('hex')}`;
}
