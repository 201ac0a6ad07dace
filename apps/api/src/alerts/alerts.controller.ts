import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { lastEventIdSchema } from '../events/events.query';
import { LiveEventsService } from '../events/live-events.service';
import { parseInput } from '../http/query';
import { AlertReaderService } from './alert-reader.service';
import { alertParamsSchema, alertsAtomQuerySchema, alertsQuerySchema, liveAlertsQuerySchema } from './alerts.query';

@ApiTags('alerts')
@Controller()
export class AlertsController {
  constructor(
    private readonly alerts: AlertReaderService,
    private readonly live: LiveEventsService,
  ) {}

  @Get('alerts')
  @ApiOperation({ summary: 'Alerts, newest first' })
  @ApiQuery({ name: 'rule', required: false })
  @ApiQuery({ name: 'severity', required: false, description: 'Comma-separated: info, low, medium, high, critical' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO 8601 time, or a span such as 24h' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(@Query() query: unknown) {
    return this.alerts.list(parseInput(alertsQuerySchema, query));
  }

  @Get('alerts.atom')
  @ApiOperation({ summary: 'Recent alerts as an Atom 1.0 feed, for feed readers' })
  @ApiProduces('application/atom+xml')
  @ApiQuery({ name: 'rule', required: false })
  @ApiQuery({ name: 'severity', required: false })
  async atom(@Query() query: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const xml = await this.alerts.atom(parseInput(alertsAtomQuerySchema, query), request.url);
    reply.header('content-type', 'application/atom+xml; charset=utf-8');
    return xml;
  }

  @Get('alerts/live')
  @ApiOperation({ summary: 'AlertRaised events as Server-Sent Events, resumable with Last-Event-ID' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  async liveAlerts(@Query() query: unknown, @Headers('last-event-id') lastEventId: string | undefined, @Res() reply: FastifyReply) {
    const { after } = parseInput(liveAlertsQuerySchema, query);
    const resume = lastEventId === undefined ? after : parseInput(lastEventIdSchema, lastEventId, 'Last-Event-ID');
    reply.hijack();
    await this.live.stream(reply.raw, { after: resume, types: ['AlertRaised'], streamPrefix: 'alert-' });
  }

  @Get('alerts/:id')
  @ApiOperation({ summary: 'One alert with its provenance: story and events, classification and evidence, rule and hash, every delivery attempt' })
  get(@Param() params: unknown) {
    return this.alerts.get(parseInput(alertParamsSchema, params, 'path').id);
  }
}
