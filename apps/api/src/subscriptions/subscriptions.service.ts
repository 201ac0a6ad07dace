import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { EventStore } from '@chipwatch/event-store';
import {
  DeliveryService,
  SUBSCRIPTIONS_COLLECTION,
  SubscriptionInputError,
  SubscriptionManagedInConfigError,
  SubscriptionNotFoundError,
  SubscriptionService,
  type CreateSubscription,
  type SubscriptionView,
  type UpdateSubscription,
} from '@chipwatch/notifications';
import { EVENT_STORE } from '@chipwatch/platform';

/** Maps the subscription domain's typed errors onto HTTP. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly subscriptions: SubscriptionService,
    private readonly delivery: DeliveryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  create(input: CreateSubscription) {
    return http(() => this.subscriptions.create(input));
  }

  async list(): Promise<{ subscriptions: SubscriptionView[] }> {
    const docs = await this.store.documents.list<SubscriptionView>(SUBSCRIPTIONS_COLLECTION, { limit: 10_000 });
    return { subscriptions: docs.map((d) => d.doc).filter((s) => !s.removed) };
  }

  get(id: string) {
    return http(() => this.subscriptions.require(id));
  }

  update(id: string, input: UpdateSubscription) {
    return http(() => this.subscriptions.update(id, input));
  }

  remove(id: string) {
    return http(() => this.subscriptions.remove(id));
  }

  test(id: string) {
    return http(async () => {
      await this.subscriptions.require(id);
      return this.delivery.sendTest(id);
    });
  }

  rotateSecret(id: string) {
    return http(() => this.subscriptions.rotateSecret(id));
  }
}

async function http<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SubscriptionNotFoundError)
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: error.message });
    if (error instanceof SubscriptionManagedInConfigError)
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: error.message });
    if (error instanceof SubscriptionInputError) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', parameter: error.field, message: error.message });
    }
    throw error;
  }
}
