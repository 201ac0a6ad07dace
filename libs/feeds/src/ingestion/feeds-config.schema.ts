import { z } from 'zod';
import { parseDuration } from '../poll-schedule';

const duration = z.string().transform((text, ctx) => {
  try {
    return parseDuration(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `expected a duration from 1s to 24h such as 90s, 15m or 1h30m (${(error as Error).message})` });
    return z.NEVER;
  }
});

const httpUrl = z
  .string()
  .url('expected an http(s) URL')
  .refine((value) => /^https?:\/\//i.test(value), 'expected an http(s) URL');

const feedSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'expected lower-case letters, digits and dashes (the stream is feed-<id>)'),
    url: httpUrl,
    interval: duration.optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/, 'expected an ISO 639-1 code such as en, pt or zh')
      .optional(),
    tags: z.array(z.string().min(1)).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

/** `config/feeds.yaml`. */
export const feedsConfigSchema = z
  .object({
    defaults: z.object({ interval: duration.optional() }).strict().optional(),
    feeds: z.array(feedSchema).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.feeds.forEach((feed, index) => {
      if (seen.has(feed.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['feeds', index, 'id'],
          message: `duplicate feed id "${feed.id}" (first at feeds.${seen.get(feed.id)})`,
        });
      }
      seen.set(feed.id, index);
    });
  });

export type FeedsConfig = z.output<typeof feedsConfigSchema>;

/** One feed as the poller sees it: defaults applied. */
export interface FeedDefinition {
  id: string;
  url: string;
  /** Milliseconds. */
  interval: number;
  language?: string;
  tags: string[];
  enabled: boolean;
}

export const DEFAULT_FEED_INTERVAL_MS = 10 * 60 * 1000;

export function feedDefinitions(config: FeedsConfig): FeedDefinition[] {
  const interval = config.defaults?.interval ?? DEFAULT_FEED_INTERVAL_MS;
  return config.feeds.map((feed) => ({
    id: feed.id,
    url: feed.url,
    interval: feed.interval ?? interval,
    language: feed.language,
    tags: feed.tags ?? [],
    enabled: feed.enabled ?? true,
  }));
}
