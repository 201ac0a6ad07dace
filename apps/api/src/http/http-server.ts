import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Settings } from '@chipwatch/config';
import { MetricsService, PinoNestLogger, type Logger } from '@chipwatch/platform';

const PUBLIC_PATHS = new Set(['/health']);
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface HttpServerOptions {
  settings: Settings;
  logger: Logger;
  /** Listen on settings.host:settings.port. @defaultValue true */
  listen?: boolean;
}

/**
 * Creates the Nest application on Fastify with what every endpoint shares: request ids, one log
 * line per request, HTTP metrics, API-key auth and the OpenAPI document at /docs.
 */
export async function createHttpServer(rootModule: unknown, options: HttpServerOptions): Promise<NestFastifyApplication> {
  const { settings, logger } = options;
  const adapter = new FastifyAdapter({
    forceCloseConnections: true,
    bodyLimit: 1024 * 1024,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Rules files are posted as YAML text (POST /rules/backtest).
  fastify.addContentTypeParser(['text/yaml', 'application/yaml', 'application/x-yaml'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  const metrics = app.get(MetricsService);
  const keys = settings.apiKeys.map((key) => Buffer.from(key));

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-request-id', request.id);
    if (keys.length === 0 || PUBLIC_PATHS.has(request.url.split('?')[0])) return;
    if (!hasValidKey(request.headers.authorization, keys)) {
      reply.header('www-authenticate', 'Bearer realm="chipwatch"');
      await reply.code(401).send({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'missing or invalid API key: send "Authorization: Bearer <key>" with a key from CHIPWATCH_API_KEYS',
      });
    }
  });

  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    logger.info(
      { reqId: request.id, method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
  });

  const document = SwaggerModule.createDocument(
    app as unknown as INestApplication,
    new DocumentBuilder()
      .setTitle('chipwatch')
      .setDescription('AI-chip export-control news monitor: event log, stories, alerts, subscriptions, feeds, rules.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A key from CHIPWATCH_API_KEYS, when set' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app as unknown as INestApplication, document, { jsonDocumentUrl: 'docs/openapi.json' });

  if (options.listen ?? true) await app.listen(settings.port, settings.host);
  return app;
}

function hasValidKey(header: string | undefined, keys: readonly Buffer[]): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  return keys.some((key) => key.length === given.length && timingSafeEqual(key, given));
}
