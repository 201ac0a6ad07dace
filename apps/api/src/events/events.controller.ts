import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parseInput } from '../http/query';
import { EventLogService } from './event-log.service';
import { eventsQuerySchema, lastEventIdSchema, liveEventsQuerySchema, streamParamsSchema } from './events.query';
import { LiveEventsService } from './live-events.service';

const EVENT_EXAMPLE = {
  position: 42,
  streamId: 'story-3f2a9c0d1e4b5a6c7d8e9f01',
  streamVersion: 1,
  type: 'StoryDiscovered',
  data: { storyId: '3f2a9c0d1e4b5a6c7d8e9f01', feedId: 'wccftech', title: '…' },
  metadata: { correlationId: 'poll-wccftech-…' },
  recordedAt: '2026-11-29T10:00:00.000Z',
};

@ApiTags('event log')
@Controller()
export class EventsController {
  constructor(
    private readonly log: EventLogService,
    private readonly live: LiveEventsService,
  ) {}

  @Get('events')
  @ApiOperation({ summary: 'Page through the event log in position order' })
  @ApiQuery({ name: 'after', required: false, description: 'Return events with position > after (default 0)' })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000, default 100' })
  @ApiQuery({ name: 'type', required: false, description: 'Comma-separated event types, e.g. StoryDiscovered,FeedPolled' })
  @ApiQuery({ name: 'stream', required: false, description: 'Only this stream, e.g. feed-wccftech' })
  @ApiQuery({ name: 'streamPrefix', required: false, description: 'Only streams starting with this, e.g. story-' })
  @ApiOkResponse({ schema: { example: { events: [EVENT_EXAMPLE], next: 42 } } })
  events(@Query() query: unknown) {
    return this.log.page(parseInput(eventsQuerySchema, query));
  }

  @Get('events/live')
  @ApiOperation({
    summary: 'Follow the log as Server-Sent Events',
    description:
      'Each message has `id:` = position and `data:` = the event as JSON. Reconnecting clients resume after Last-Event-ID. Without it (or `after`), only new events are sent.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'type', required: false })
  @ApiQuery({ name: 'stream', required: false })
  @ApiQuery({ name: 'streamPrefix', required: false })
  async liveEvents(@Query() query: unknown, @Headers('last-event-id') lastEventId: string | undefined, @Res() reply: FastifyReply) {
    const options = parseInput(liveEventsQuerySchema, query);
    const resume = lastEventId === undefined ? options.after : parseInput(lastEventIdSchema, lastEventId, 'Last-Event-ID');
    reply.hijack();
    await this.live.stream(reply.raw, { after: resume, types: options.type, streamId: options.stream, streamPrefix: options.streamPrefix });
  }

  @Get('streams/:streamId')
  @ApiOperation({ summary: "One stream's events in version order" })
  @ApiParam({ name: 'streamId', example: 'feed-wccftech' })
  @ApiOkResponse({ schema: { example: { streamId: 'feed-wccftech', events: [EVENT_EXAMPLE] } } })
  stream(@Param() params: unknown) {
    return this.log.stream(parseInput(streamParamsSchema, params, 'path').streamId);
  }
}
