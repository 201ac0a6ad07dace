import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** The 400 body every endpoint uses: which parameter, and what it expected. */
export interface BadRequestBody {
  statusCode: 400;
  error: 'Bad Request';
  parameter: string;
  message: string;
}

/**
 * Validates query, params, a header or a body with a zod schema; the first problem becomes a 400
 * naming the parameter (`where` names it when the input is a single value, e.g. a header).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'query'): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = issue.path.map(String);
  const parameter = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]].join('.') : path.join('.') || where;
  const message = issue.code === 'unrecognized_keys' ? `unknown ${where} parameter "${issue.keys[0]}"` : issue.message;
  const body: BadRequestBody = { statusCode: 400, error: 'Bad Request', parameter, message };
  throw new BadRequestException(body);
}
