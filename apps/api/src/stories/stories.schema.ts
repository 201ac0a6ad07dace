import type { StoryView } from '@chipwatch/stories';
import { z } from 'zod';
import { eventSchema, isoTime } from '../events/events.schema';
import { sameShape } from '../http/shape-check';
import { pageLimit, pointInTime, timelineCursor } from '../http/params.schema';
import { route } from '../http/route-contract';
import { language } from '../http/vocabularies.schema';

export const STORY_ID = /^[a-f0-9]{8,64}$/;

// ---- responses ------------------------------------------------------------------------------

export const evidenceSchema = z
  .strictObject({
    text: z.string().describe('The words in the story, as written'),
    field: z.string().describe('title or summary'),
    concept: z.string(),
    weight: z.number().describe('Log-odds the concept contributed (negative for look-alike markers)'),
  })
  .meta({ id: 'Evidence' });

export const classificationSchema = z
  .strictObject({
    storyId: z.string(),
    classifierVersion: z.string(),
    contentVersion: z.number().int().describe('Stream version of the content that was classified'),
    relevant: z.boolean(),
    score: z.number().min(0).max(1),
    topic: z.string(),
    subtopics: z.array(z.string()),
    entities: z.strictObject({
      companies: z.array(z.string()),
      products: z.array(z.string()),
      agencies: z.array(z.string()),
      jurisdictions: z.array(z.string()),
    }),
    evidence: z.array(evidenceSchema),
    language: z.string(),
    classifiedAt: isoTime,
  })
  .meta({ id: 'Classification', description: "The classifier's latest verdict on a story" });

export const storySchema = z
  .strictObject({
    storyId: z.string(),
    feedId: z.string().describe('The feed that saw it first'),
    guid: z.string().nullable(),
    url: z.string().nullable().describe('Canonical URL'),
    title: z.string(),
    summary: z.string(),
    language: z.string().describe('ISO 639-1, or und'),
    publishedAt: isoTime,
    discoveredAt: isoTime,
    discoveredPosition: z.number().int(),
    updatedAt: isoTime.nullable(),
    contentVersion: z.number().int(),
    classification: classificationSchema.nullable(),
  })
  .meta({ id: 'Story' });
sameShape<StoryView>()(storySchema);

export const storyPageSchema = z.strictObject({
  stories: z.array(storySchema).describe('Newest first by discovery'),
  next: z.string().nullable().describe('Pass as `cursor` for older stories; null at the end'),
});

export const storyDetailSchema = z.strictObject({
  story: storySchema.nullable().describe('Null while the projection has not caught up with the events'),
  classification: classificationSchema.nullable(),
  events: z.array(eventSchema),
});

// ---- requests -------------------------------------------------------------------------------

/** `GET /stories` */
export const storiesQuerySchema = z
  .object({
    relevant: z
      .enum(['true', 'false'], { message: 'expected true or false' })
      .transform((v) => v === 'true')
      .optional()
      .describe('true: only stories classified on topic; false: only the others'),
    since: pointInTime.optional().describe('Discovered at or after this: an ISO 8601 time, or a span such as 24h or 30d'),
    language: language.optional(),
    feed: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'expected a feed id')
      .optional()
      .describe('Only stories first seen in this feed'),
    q: z.string().min(1).max(200, 'expected at most 200 characters').optional().describe('Text in title or summary, case-insensitive'),
    cursor: timelineCursor.optional(),
    limit: pageLimit(200, 50),
  })
  .strict();

export const storyParamsSchema = z.object({ id: z.string().regex(STORY_ID, 'expected a story id').describe('A story id (hex)') }).strict();

export type StoriesQuery = z.output<typeof storiesQuerySchema>;

// ---- routes ---------------------------------------------------------------------------------

export const EXAMPLE_STORY_ID = '3f2a9c0d1e4b5a6c7d8e9f01';

export const storyRoutes = {
  list: route({
    operationId: 'listStories',
    method: 'GET',
    path: '/stories',
    tag: 'stories',
    summary: 'Stories, newest first by discovery, with their latest classification',
    query: storiesQuerySchema,
    responses: { 200: { description: 'A page of stories', schema: storyPageSchema } },
    examples: [
      { name: 'relevantToday', summary: 'On-topic stories of the last 24 hours', query: { relevant: 'true', since: '24h' } },
      { name: 'portuguese', summary: 'Stories in Portuguese mentioning DeepSeek', query: { language: 'pt', q: 'DeepSeek', limit: '20' } },
      { name: 'chinese', summary: 'Text search in Chinese (percent-encode non-ASCII in URLs)', query: { q: '出口管制' } },
    ],
  }),
  get: route({
    operationId: 'getStory',
    method: 'GET',
    path: '/stories/:id',
    tag: 'stories',
    summary: 'One story, its current classification with evidence, and its events',
    params: storyParamsSchema,
    responses: { 200: { description: 'The story', schema: storyDetailSchema } },
    examples: [{ name: 'story', summary: 'A story by id', params: { id: EXAMPLE_STORY_ID } }],
  }),
};
