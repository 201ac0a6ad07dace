import type { HttpException } from '@nestjs/common';
import type { ConfigFileError } from '@chipwatch/config';
import { apiError } from './error.schema';

/** A rejected config text sent over HTTP: 400 naming the parameter, with every located issue. */
export function configErrorResponse(parameter: string, error: ConfigFileError): HttpException {
  return apiError(400, error.message, parameter, {
    issues: error.issues.map(({ line, column, key, message }) => ({ line, column, key, message })),
  });
}
