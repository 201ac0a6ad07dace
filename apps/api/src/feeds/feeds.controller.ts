import { Controller } from '@nestjs/common';
import { Input, Route, type RouteInput } from '../http/route-contract';
import { FeedHealthService } from './feed-health.service';
import { feedRoutes } from './feeds.schema';

@Controller()
export class FeedsController {
  constructor(private readonly feeds: FeedHealthService) {}

  @Route(feedRoutes.list)
  list() {
    return this.feeds.list();
  }

  @Route(feedRoutes.get)
  get(@Input() { params }: RouteInput<typeof feedRoutes.get>) {
    return this.feeds.get(params.id);
  }

  @Route(feedRoutes.poll)
  poll(@Input() { params }: RouteInput<typeof feedRoutes.poll>) {
    return this.feeds.pollNow(params.id);
  }
}
