import { z } from 'zod';
import { position } from '../http/params.schema';
import { route } from '../http/route-contract';
import { eventTypeList } from '../http/vocabularies.schema';

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

const streamId = z.string().regex(STREAM_ID, 'expected a stream id such as story-<id> or feed-<id>');
const streamPrefix = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected a stream id prefix such as story-')
  .describe('Only streams whose id starts with this, e.g. story-');

export const isoTime = z.iso.datetime({ offset: true });

// ---- responses ------------------------------------------------------------------------------

export const eventSchema = z
  .strictObject({
    position: z.number().int().min(1).describe('Global, strictly increasing'),
    streamId: z.string(),
    streamVersion: z.number().int().min(1).describe('1 for the first event of a stream'),
    type: z.string(),
    data: z.record(z.string(), z.unknown()),
    metadata: z.looseObject({
      correlationId: z.string().optional().describe('Ties together everything one request or job caused'),
      causationId: z.string().optional().describe('The event or job that directly caused this one'),
    }),
    recordedAt: isoTime,
    id: z.string().describe('The idempotency key the event was appended with'),
  })
  .meta({ id: 'Event', description: 'One fact in the log' });

export const eventPageSchema = z.strictObject({
  events: z.array(eventSchema),
  next: z.number().int().nullable().describe('Pass as `after` for the next page; null at the end of the log'),
});

export const streamSchema = z.strictObject({ streamId: z.string(), events: z.array(eventSchema).describe('In version order') });

export const sseSchema = (what: string) =>
  z
    .string()
    .describe(`Server-Sent Events: \`id:\` is the event's position, \`data:\` ${what} as JSON; \`: keep-alive\` comments every 15 s`);

// ---- requests -------------------------------------------------------------------------------

/** `GET /events` */
export const eventsQuerySchema = z
  .object({
    after: position.default(0).describe('Only events with a position above this'),
    limit: z.coerce
      .number({ message: 'expected an integer from 1 to 1000' })
      .int('expected an integer from 1 to 1000')
      .min(1, 'expected an integer from 1 to 1000')
      .max(1000, 'expected an integer from 1 to 1000')
      .default(100)
      .describe('Page size, 1 to 1000'),
    type: eventTypeList.optional(),
    stream: streamId.optional().describe('Only this stream, e.g. feed-wccftech'),
    streamPrefix: streamPrefix.optional(),
  })
  .strict();

/** `GET /events/live` */
export const liveEventsQuerySchema = z
  .object({
    after: position
      .optional()
      .describe('Resume after this position (Last-Event-ID wins when both are sent); without either, only new events'),
    type: eventTypeList.optional(),
    stream: streamId.optional().describe('Only this stream, e.g. feed-wccftech'),
    streamPrefix: streamPrefix.optional(),
  })
  .strict();

export const lastEventIdHeaders = z.object({
  'Last-Event-ID': position.optional().describe('The last position received: the stream resumes after it (browsers send it on reconnect)'),
});

export const streamParamsSchema = z.object({ streamId: streamId.describe('e.g. feed-wccftech or story-<id>') }).strict();

export type EventsQuery = z.output<typeof eventsQuerySchema>;
export type LiveEventsQuery = z.output<typeof liveEventsQuerySchema>;

// ---- routes ---------------------------------------------------------------------------------

export const eventRoutes = {
  page: route({
    operationId: 'listEvents',
    method: 'GET',
    path: '/events',
    tag: 'event log',
    summary: 'Page through the event log in position order',
    query: eventsQuerySchema,
    responses: { 200: { description: 'A page of events; pass `next` as `after` for the next one', schema: eventPageSchema } },
    examples: [
      {
        name: 'discovered',
        summary: 'Five StoryDiscovered events after position 120',
        query: { type: 'StoryDiscovered', after: '120', limit: '5' },
      },
      { name: 'oneFeed', summary: "One feed's polls", query: { stream: 'feed-wccftech', type: 'FeedPolled,FeedPollFailed' } },
    ],
  }),
  live: route({
    operationId: 'followEvents',
    method: 'GET',
    path: '/events/live',
    tag: 'event log',
    summary: 'Follow the log as Server-Sent Events',
    description: 'Reconnecting clients resume after Last-Event-ID. Without it (or `after`), only new events are sent.',
    query: liveEventsQuerySchema,
    headers: lastEventIdHeaders,
    responses: {
      200: {
        description: 'The stream of events, open until the client leaves',
        mediaType: 'text/event-stream',
        schema: sseSchema('the event'),
      },
    },
    examples: [
      { name: 'resume', summary: 'Resume after position 120', headers: { 'Last-Event-ID': '120' } },
      { name: 'stories', summary: 'New events of stories only', query: { streamPrefix: 'story-' } },
    ],
  }),
  stream: route({
    operationId: 'getStream',
    method: 'GET',
    path: '/streams/:streamId',
    tag: 'event log',
    summary: "One stream's events in version order",
    params: streamParamsSchema,
    responses: { 200: { description: 'The stream', schema: streamSchema } },
    examples: [{ name: 'feed', summary: "A feed's stream", params: { streamId: 'feed-wccftech' } }],
  }),
};
