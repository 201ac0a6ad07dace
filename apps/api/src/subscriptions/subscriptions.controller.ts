import { Controller } from '@nestjs/common';
import { Input, Route, type RouteInput } from '../http/route-contract';
import { subscriptionRoutes as routes } from './subscriptions.schema';
import { SubscriptionsService } from './subscriptions.service';

@Controller()
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Route(routes.create)
  create(@Input() { body }: RouteInput<typeof routes.create>) {
    return this.subscriptions.create(body);
  }

  @Route(routes.list)
  list() {
    return this.subscriptions.list();
  }

  @Route(routes.get)
  get(@Input() { params }: RouteInput<typeof routes.get>) {
    return this.subscriptions.get(params.id);
  }

  @Route(routes.update)
  update(@Input() { params, body }: RouteInput<typeof routes.update>) {
    return this.subscriptions.update(params.id, body);
  }

  @Route(routes.remove)
  async remove(@Input() { params }: RouteInput<typeof routes.remove>): Promise<void> {
    await this.subscriptions.remove(params.id);
  }

  @Route(routes.test)
  test(@Input() { params }: RouteInput<typeof routes.test>) {
    return this.subscriptions.test(params.id);
  }

  @Route(routes.rotateSecret)
  rotate(@Input() { params }: RouteInput<typeof routes.rotateSecret>) {
    return this.subscriptions.rotateSecret(params.id);
  }
}
