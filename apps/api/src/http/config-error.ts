import { BadRequestException } from '@nestjs/common';
import type { ConfigFileError } from '@chipwatch/config';

/** A rejected config text sent over HTTP: 400 naming the parameter, with every located issue. */
export function configErrorResponse(parameter: string, error: ConfigFileError): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    parameter,
    message: error.message,
    issues: error.issues.map(({ line, column, key, message }) => ({ line, column, key, message })),
  });
}
