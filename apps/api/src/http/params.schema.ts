import { z } from 'zod';

/** `since`/`until`: an ISO 8601 time, or a span back from now such as 90m, 24h or 30d. */
export const pointInTime = z.string().transform((value, ctx) => {
  const span = /^(\d{1,5})([mhd])$/.exec(value);
  if (span) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as 'm' | 'h' | 'd'];
    return { relativeMs: Number(span[1]) * unit };
  }
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 time (2026-11-29T10:00:00Z) or a span such as 90m, 24h or 30d' });
    return z.NEVER;
  }
  return { at: new Date(at) };
});

export type PointInTime = z.output<typeof pointInTime>;

export function resolvePointInTime(value: PointInTime | undefined, now: Date): Date | undefined {
  if (!value) return undefined;
  return 'at' in value ? value.at : new Date(now.getTime() - value.relativeMs);
}

export const pageLimit = (max: number, fallback: number) =>
  z.coerce
    .number({ message: `expected an integer from 1 to ${max}` })
    .int(`expected an integer from 1 to ${max}`)
    .min(1, `expected an integer from 1 to ${max}`)
    .max(max, `expected an integer from 1 to ${max}`)
    .default(fallback)
    .describe(`Page size, 1 to ${max}`);

export const timelineCursor = z
  .string()
  .regex(/^\d{15}$/, 'expected the `next` value of a previous page')
  .describe('The `next` value of the previous page');

/** A position in the log: `after`, `Last-Event-ID`. */
export const position = z.coerce
  .number({ message: 'expected a non-negative integer position' })
  .int('expected a non-negative integer position')
  .min(0, 'expected a non-negative integer position');

/** Closed vocabularies of comma-separated lists, by schema: the document shows them as arrays of these values. */
const CSV_VALUES = new WeakMap<z.ZodType, readonly string[]>();

export function csvValuesOf(schema: unknown): readonly string[] | undefined {
  return CSV_VALUES.get(schema as z.ZodType);
}

/**
 * A comma-separated list of values from a closed vocabulary (`type=StoryDiscovered,FeedPolled`);
 * an unknown value is a 400 that lists the allowed ones, never a filter that silently matches
 * nothing.
 */
export function csvList<const T extends string>(values: readonly T[], noun: string, description: string) {
  const allowed = new Set<string>(values);
  const schema = z
    .string()
    .transform((value, ctx): T[] => {
      const items = value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      if (items.length === 0) ctx.addIssue({ code: 'custom', message: `expected one or more ${noun}s, comma-separated` });
      const unknown = items.find((item) => !allowed.has(item));
      if (unknown !== undefined)
        ctx.addIssue({ code: 'custom', message: `unknown ${noun} "${unknown}": expected one of ${values.join(', ')}` });
      return items as T[];
    })
    .describe(description);
  CSV_VALUES.set(schema, values);
  return schema;
}
