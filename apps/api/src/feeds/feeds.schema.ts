import type { FeedHealth } from '@chipwatch/feeds';
import { z } from 'zod';
import { isoTime } from '../events/events.schema';
import { route } from '../http/route-contract';
import { sameShape } from '../http/shape-check';

// ---- responses ------------------------------------------------------------------------------

export const feedHealthSchema = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    intervalMs: z.number().int(),
    language: z.string().nullable().describe('As declared in feeds.yaml'),
    tags: z.array(z.string()),
    enabled: z.boolean(),
    lastPolledAt: isoTime.nullable(),
    lastStatus: z.enum(['ok', 'not-modified', 'failed']).nullable(),
    lastHttpStatus: z.number().int().nullable(),
    lastSuccessAt: isoTime.nullable(),
    consecutiveFailures: z.number().int(),
    lastErrorReason: z.string().nullable().describe('e.g. timeout, too-large, not-a-feed, rate-limited, http-5xx'),
    lastErrorMessage: z.string().nullable(),
    nextPollAt: isoTime.nullable(),
    nextPollReason: z.string().nullable(),
    storiesTotal: z.number().int(),
    polls: z.number().int(),
    notModifiedShare: z.number().min(0).max(1).describe('Share of polls answered 304 Not Modified'),
    failedPolls: z.number().int(),
  })
  .meta({ id: 'FeedHealth', description: 'A configured feed and how its polling goes' });
sameShape<FeedHealth>()(feedHealthSchema);

export const feedListSchema = z.strictObject({ feeds: z.array(feedHealthSchema).describe('In feeds.yaml order') });

export const pollQueuedSchema = z.strictObject({
  feedId: z.string(),
  jobId: z.string(),
  queued: z.boolean().describe('false when the same poll was already queued'),
});

// ---- requests -------------------------------------------------------------------------------

export const feedParamsSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'expected a feed id from feeds.yaml')
      .describe('A feed id from feeds.yaml'),
  })
  .strict();

// ---- routes ---------------------------------------------------------------------------------

export const EXAMPLE_FEED_ID = 'wccftech';

export const feedRoutes = {
  list: route({
    operationId: 'listFeeds',
    method: 'GET',
    path: '/feeds',
    tag: 'feeds',
    summary: 'Configured feeds and their health: last poll, failures, next poll, stories, 304 share',
    responses: { 200: { description: 'Every feed of feeds.yaml', schema: feedListSchema } },
  }),
  get: route({
    operationId: 'getFeed',
    method: 'GET',
    path: '/feeds/:id',
    tag: 'feeds',
    summary: "One feed's health",
    params: feedParamsSchema,
    responses: { 200: { description: 'The feed', schema: feedHealthSchema } },
    examples: [{ name: 'feed', summary: 'A feed by id', params: { id: EXAMPLE_FEED_ID } }],
  }),
  poll: route({
    operationId: 'pollFeed',
    method: 'POST',
    path: '/feeds/:id/poll',
    tag: 'feeds',
    summary: 'Poll this feed now',
    params: feedParamsSchema,
    responses: { 202: { description: 'The poll is queued', schema: pollQueuedSchema } },
    examples: [{ name: 'feed', summary: 'Poll a feed now', params: { id: EXAMPLE_FEED_ID } }],
  }),
};
