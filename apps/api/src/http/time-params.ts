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
    .default(fallback);

export const timelineCursor = z.string().regex(/^\d{15}$/, 'expected the `next` value of a previous page');
