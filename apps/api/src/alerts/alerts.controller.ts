import { Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LiveEventsService } from '../events/live-events.service';
import { Input, Route, type RouteInput } from '../http/route-contract';
import { AlertReaderService } from './alert-reader.service';
import { alertRoutes } from './alerts.schema';

@Controller()
export class AlertsController {
  constructor(
    private readonly alerts: AlertReaderService,
    private readonly live: LiveEventsService,
  ) {}

  @Route(alertRoutes.list)
  list(@Input() { query }: RouteInput<typeof alertRoutes.list>) {
    return this.alerts.list(query);
  }

  @Route(alertRoutes.atom)
  async atom(
    @Input() { query }: RouteInput<typeof alertRoutes.atom>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const xml = await this.alerts.atom(query, request.url);
    reply.header('content-type', 'application/atom+xml; charset=utf-8');
    return xml;
  }

  @Route(alertRoutes.live)
  async liveAlerts(@Input() { query, headers }: RouteInput<typeof alertRoutes.live>, @Res() reply: FastifyReply) {
    reply.hijack();
    await this.live.stream(reply.raw, { after: headers['Last-Event-ID'] ?? query.after, types: ['AlertRaised'], streamPrefix: 'alert-' });
  }

  @Route(alertRoutes.get)
  get(@Input() { params }: RouteInput<typeof alertRoutes.get>) {
    return this.alerts.get(params.id);
  }
}
