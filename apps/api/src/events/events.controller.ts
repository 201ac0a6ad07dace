import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Input, Route, type RouteInput } from '../http/route-contract';
import { EventLogService } from './event-log.service';
import { eventRoutes } from './events.schema';
import { LiveEventsService } from './live-events.service';

@Controller()
export class EventsController {
  constructor(
    private readonly log: EventLogService,
    private readonly live: LiveEventsService,
  ) {}

  @Route(eventRoutes.page)
  events(@Input() { query }: RouteInput<typeof eventRoutes.page>) {
    return this.log.page(query);
  }

  @Route(eventRoutes.live)
  async liveEvents(@Input() { query, headers }: RouteInput<typeof eventRoutes.live>, @Res() reply: FastifyReply) {
    reply.hijack();
    await this.live.stream(reply.raw, {
      after: headers['Last-Event-ID'] ?? query.after,
      types: query.type,
      streamId: query.stream,
      streamPrefix: query.streamPrefix,
    });
  }

  @Route(eventRoutes.stream)
  stream(@Input() { params }: RouteInput<typeof eventRoutes.stream>) {
    return this.log.stream(params.streamId);
  }
}
