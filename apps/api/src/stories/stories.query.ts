import { z } from 'zod';

const sinceSchema = z.string().transform((value, ctx) => {
  const relative = /^(\d{1,5})([mhd])$/.exec(value);
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd'];
    return { relativeMs: Number(relative[1]) * unit };
  }
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 time (2026-11-29T10:00:00Z) or a span such as 90m, 24h or 30d' });
    return z.NEVER;
  }
  return { at: new Date(at) };
});

/** `GET /stories` */
export const storiesQuerySchema = z
  .object({
    relevant: z.enum(['true', 'false'], { message: 'expected true or false' }).transform((v) => v === 'true').optional(),
    since: sinceSchema.optional(),
    language: z.string().regex(/^[a-z]{2,3}$/, 'expected an ISO 639-1 code such as en, pt or zh').optional(),
    feed: z.string().regex(/^[a-z0-9-]{1,64}$/, 'expected a feed id').optional(),
    q: z.string().min(1).max(200, 'expected at most 200 characters').optional(),
    cursor: z.string().regex(/^\d{15}$/, 'expected the `next` value of a previous page').optional(),
    limit: z.coerce
      .number({ message: 'expected an integer from 1 to 200' })
      .int('expected an integer from 1 to 200')
      .min(1, 'expected an integer from 1 to 200')
      .max(200, 'expected an integer from 1 to 200')
      .default(50),
  })
  .strict();

export const storyParamsSchema = z.object({ id: z.string().regex(/^[a-f0-9]{8,64}$/, 'expected a story id') }).strict();

export type StoriesQuery = z.output<typeof storiesQuerySchema>;
