import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Settings } from '@chipwatch/config';
import { MetricsService, PinoNestLogger, type Logger } from '@chipwatch/platform';
import { API_ROUTES } from '../api.routes';
import { answerClientError } from './client-error';
import { errorBody } from './error.schema';
import { ErrorResponseFilter, type RouteLookup } from './error-response.filter';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document';
import { checkResponses } from './response-check';

const PUBLIC_PATHS = new Set(API_ROUTES.filter((route) => route.public).map((route) => route.path));
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const BODY_LIMIT = 1024 * 1024;

export interface HttpServerOptions {
  settings: Settings;
  logger: Logger;
  /** Listen on settings.host:settings.port. @defaultValue true */
  listen?: boolean;
  /**
   * Called for every answer that does not match the schema its route documents (tests set it).
   * @defaultValue unset: answers are not checked
   */
  onResponseMismatch?: (problem: string) => void;
}

/** A route as Fastify registered it. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

const routeTables = new WeakMap<object, RegisteredRoute[]>();

/** Every route the application's Fastify instance registered (its onRoute hook saw them all). */
export function registeredRoutes(app: NestFastifyApplication): readonly RegisteredRoute[] {
  return routeTables.get(app.getHttpAdapter().getInstance()) ?? [];
}

/** The OpenAPI document served at /docs/openapi.json. */
export function openApiDocument(): OpenApiDocument {
  return buildOpenApiDocument(API_ROUTES, {
    title: 'chipwatch',
    version: '0.1.0',
    description: [
      'AI-chip export-control news monitor: event log, stories, alerts, subscriptions, feeds, rules.',
      '',
      'Every 4xx and 5xx answer is `{"statusCode", "error", "message", "parameter"?}` (see the Error schema): `parameter` names the',
      'query, path or header parameter or the body field at fault, or `body` for the body as a whole. A known path asked with a',
      'method it does not serve answers 405 with `Allow`. Filters with a closed vocabulary (event types, severities, languages,',
      'rule ids) answer 400 listing the allowed values rather than an empty page.',
      '',
      'Answers gain fields over time and never lose or rename one: ignore fields you do not know.',
      'When the server sets CHIPWATCH_API_KEYS, every endpoint but /health needs `Authorization: Bearer <key>`.',
    ].join('\n'),
  });
}

/**
 * Creates the Nest application on Fastify with what every endpoint shares: request ids, one log
 * line per request, HTTP metrics, API-key auth, one error shape, and the OpenAPI document at /docs.
 */
export async function createHttpServer(rootModule: unknown, options: HttpServerOptions): Promise<NestFastifyApplication> {
  const { settings, logger } = options;
  const adapter = new FastifyAdapter({
    forceCloseConnections: true,
    bodyLimit: BODY_LIMIT,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    clientErrorHandler: answerClientError,
  });
  const fastify = adapter.getInstance();
  const routes: RegisteredRoute[] = [];
  routeTables.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  // Rules files are posted as YAML text (POST /rules/backtest).
  fastify.addContentTypeParser(['text/yaml', 'application/yaml', 'application/x-yaml'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  const contracts = new Map(API_ROUTES.map((route) => [`${route.method} ${route.path}`, route]));
  const routeFor: RouteLookup = (method, url) => contracts.get(`${method === 'HEAD' ? 'GET' : method} ${url}`);
  app.useGlobalFilters(new ErrorResponseFilter(logger, routeFor));
  if (options.onResponseMismatch) checkResponses(fastify, routeFor, options.onResponseMismatch);

  const metrics = app.get(MetricsService);
  const keys = settings.apiKeys.map((key) => Buffer.from(key));

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-request-id', request.id);
    if (keys.length === 0 || PUBLIC_PATHS.has(request.url.split('?')[0])) return;
    if (!hasValidKey(request.headers.authorization, keys)) {
      reply.header('www-authenticate', 'Bearer realm="chipwatch"');
      await reply
        .code(401)
        .send(
          errorBody(
            401,
            'missing or invalid API key: send "Authorization: Bearer <key>" with a key from CHIPWATCH_API_KEYS',
            'Authorization',
          ),
        );
    }
  });

  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    logger.info(
      {
        reqId: request.id,
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  // SwaggerModule only serves the UI (swagger-ui-dist, from node_modules) and the document built above.
  SwaggerModule.setup('docs', app, openApiDocument(), { jsonDocumentUrl: 'docs/openapi.json' });

  if (options.listen ?? true) await app.listen(settings.port, settings.host);
  return app;
}

function hasValidKey(header: string | undefined, keys: readonly Buffer[]): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  return keys.some((key) => key.length === given.length && timingSafeEqual(key, given));
}
