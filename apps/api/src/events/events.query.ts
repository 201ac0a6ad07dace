import { z } from 'zod';

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,99}$/;

const position = z.coerce
  .number({ message: 'expected a non-negative integer position' })
  .int('expected a non-negative integer position')
  .min(0, 'expected a non-negative integer position');

const typeList = z
  .string()
  .transform((value) => value.split(',').map((type) => type.trim()).filter(Boolean))
  .refine((types) => types.length > 0 && types.every((type) => EVENT_TYPE.test(type)), {
    message: 'expected comma-separated event types such as StoryDiscovered,FeedPolled',
  });

const streamId = z.string().regex(STREAM_ID, 'expected a stream id such as story-<id> or feed-<id>');

/** `GET /events` */
export const eventsQuerySchema = z
  .object({
    after: position.default(0),
    limit: z.coerce
      .number({ message: 'expected an integer from 1 to 1000' })
      .int('expected an integer from 1 to 1000')
      .min(1, 'expected an integer from 1 to 1000')
      .max(1000, 'expected an integer from 1 to 1000')
      .default(100),
    type: typeList.optional(),
    stream: streamId.optional(),
    streamPrefix: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected a stream id prefix such as story-').optional(),
  })
  .strict();

/** `GET /events/live` */
export const liveEventsQuerySchema = z
  .object({
    after: position.optional(),
    type: typeList.optional(),
    stream: streamId.optional(),
    streamPrefix: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected a stream id prefix such as story-').optional(),
  })
  .strict();

export const lastEventIdSchema = position;

export const streamParamsSchema = z.object({ streamId }).strict();

export type EventsQuery = z.output<typeof eventsQuerySchema>;
export type LiveEventsQuery = z.output<typeof liveEventsQuerySchema>;
