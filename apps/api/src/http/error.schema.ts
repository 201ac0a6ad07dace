import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { z } from 'zod';

/** The one body of every 4xx and 5xx answer, whatever raised it (parser, auth, validation, router, service). */
export const errorSchema = z
  .strictObject({
    statusCode: z.number().int().min(400).max(599),
    /** The status text, e.g. "Bad Request". */
    error: z.string(),
    message: z.string(),
    parameter: z
      .string()
      .optional()
      .describe(
        'The parameter at fault: a path, query or header parameter (`limit`, `Last-Event-ID`), a body field (`rules.0`), or `body` for the body as a whole',
      ),
    issues: z
      .array(z.strictObject({ line: z.number().int(), column: z.number().int(), key: z.string(), message: z.string() }))
      .optional()
      .describe('Every located problem of a rejected config text (POST /rules/backtest)'),
  })
  .meta({ id: 'Error', description: 'Every 4xx and 5xx answer has this shape' });

export type ErrorBody = z.output<typeof errorSchema>;

export function errorBody(statusCode: number, message: string, parameter?: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(parameter === undefined ? {} : { parameter }) };
}

/** An HttpException whose response is already the error shape. */
export function apiError(statusCode: number, message: string, parameter?: string, extra: Pick<ErrorBody, 'issues'> = {}): HttpException {
  return new HttpException({ ...errorBody(statusCode, message, parameter), ...extra }, statusCode);
}

/** 400 for a value outside a closed vocabulary, listing what is allowed. */
export function unknownValue(parameter: string, noun: string, value: string, allowed: readonly string[]): HttpException {
  const expected = allowed.length > 0 ? `expected one of ${allowed.join(', ')}` : `there are none`;
  return apiError(400, `unknown ${noun} "${value}": ${expected}`, parameter);
}
