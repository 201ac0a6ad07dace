import { z } from 'zod';
import { pageLimit, pointInTime, timelineCursor } from '../http/time-params';

/** `GET /stories` */
export const storiesQuerySchema = z
  .object({
    relevant: z.enum(['true', 'false'], { message: 'expected true or false' }).transform((v) => v === 'true').optional(),
    since: pointInTime.optional(),
    language: z.string().regex(/^[a-z]{2,3}$/, 'expected an ISO 639-1 code such as en, pt or zh').optional(),
    feed: z.string().regex(/^[a-z0-9-]{1,64}$/, 'expected a feed id').optional(),
    q: z.string().min(1).max(200, 'expected at most 200 characters').optional(),
    cursor: timelineCursor.optional(),
    limit: pageLimit(200, 50),
  })
  .strict();

export const storyParamsSchema = z.object({ id: z.string().regex(/^[a-f0-9]{8,64}$/, 'expected a story id') }).strict();

export type StoriesQuery = z.output<typeof storiesQuerySchema>;
