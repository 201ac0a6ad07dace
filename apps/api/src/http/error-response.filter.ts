import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@chipwatch/platform';
import { errorBody, type ErrorBody } from './error.schema';
import { mediaTypeOf, type RouteContract } from './route-contract';

/** Methods a path may have: the ones tried when answering 405 with `Allow`. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export type RouteLookup = (method: string, url: string) => RouteContract | undefined;

/**
 * Every exception becomes the one error shape, whoever raised it: Fastify's body parsing and
 * size limit (mapped by Nest to HttpExceptions with the Fastify error as cause), validation and
 * services (HttpExceptions), the router (a NotFoundException for an unknown route, which becomes
 * 405 with `Allow` when the path exists under other methods), and anything unexpected (500,
 * logged with the request id).
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly routeFor: RouteLookup,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { body, allow } = this.answer(exception, request);
    if (body.statusCode >= 500)
      this.logger.error({ err: exception, reqId: request.id, method: request.method, url: request.url }, 'request failed');
    // A hijacked reply (Server-Sent Events) has written its own status already.
    if (reply.sent || reply.raw.headersSent) return;
    if (allow) reply.header('allow', allow.join(', '));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private answer(exception: unknown, request: FastifyRequest): { body: ErrorBody; allow?: string[] } {
    const fastifyError = fastifyErrorOf(exception);
    if (fastifyError) return { body: this.parserError(fastifyError, request) };
    if (!(exception instanceof HttpException))
      return { body: errorBody(500, `internal error; the log has it under request id ${request.id}`) };
    const status = exception.getStatus();
    if (status === 404 && request.routeOptions.url === undefined) return this.unknownRoute(request);
    const response = exception.getResponse();
    if (typeof response === 'string') return { body: errorBody(status, response) };
    const { message, parameter, issues } = response as { message?: unknown; parameter?: unknown; issues?: ErrorBody['issues'] };
    const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
    return { body: { ...errorBody(status, text, typeof parameter === 'string' ? parameter : undefined), ...(issues ? { issues } : {}) } };
  }

  private unknownRoute(request: FastifyRequest): { body: ErrorBody; allow?: string[] } {
    const path = request.url.split('?', 1)[0];
    const allow = METHODS.filter((method) => request.server.findRoute({ method, url: path }) !== null);
    // A route that matched and then found nothing (a static file that is not there) is a 404.
    if (allow.length > 0 && !allow.includes(request.method as (typeof METHODS)[number]))
      return { body: errorBody(405, `${request.method} is not allowed on ${path}: use ${allow.join(', ')}`), allow };
    return { body: errorBody(404, `no route ${request.method} ${path}; the API is described at /docs/openapi.json`) };
  }

  private parserError(error: FastifyError, request: FastifyRequest): ErrorBody {
    const given = mediaTypeOf(request.headers['content-type']);
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
        const route = request.routeOptions.url === undefined ? undefined : this.routeFor(request.method, request.routeOptions.url);
        const accepted = route?.body
          ? `expected Content-Type ${Object.keys(route.body).join(', ')}`
          : `${request.method} ${request.routeOptions.url ?? request.url} takes no body`;
        return errorBody(415, `${accepted}${given ? `, not ${given}` : ' (the request has a body but no Content-Type)'}`, 'Content-Type');
      }
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return errorBody(400, `the body is empty, but Content-Type says ${given}`, 'body');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return errorBody(400, 'the body is not valid JSON', 'body');
      case 'FST_ERR_CTP_BODY_TOO_LARGE': {
        const limit = request.routeOptions.bodyLimit;
        return errorBody(413, `the body is larger than the limit of ${limit} bytes`, 'body');
      }
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return errorBody(400, 'Content-Length does not match the length of the body', 'Content-Length');
      default: {
        const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
        // Fastify's 4xx messages are written for clients; a 5xx one may say more than a client should see.
        return errorBody(status, status < 500 ? error.message : `internal error; the log has it under request id ${request.id}`);
      }
    }
  }
}

interface FastifyError {
  code: string;
  statusCode?: number;
  message: string;
}

/** The Fastify error behind an exception, also when Nest wrapped a 4xx one in an HttpException (as `cause`). */
function fastifyErrorOf(exception: unknown): FastifyError | undefined {
  for (const candidate of [exception, (exception as { cause?: unknown } | undefined)?.cause]) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('FST_')) return candidate as FastifyError;
    // The JSON parser's prototype-poisoning refusal is a plain SyntaxError with a status.
    if (candidate instanceof SyntaxError && (candidate as { statusCode?: number }).statusCode === 400) {
      return { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400, message: candidate.message };
    }
  }
  return undefined;
}
