import type { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { errorSchema } from './error.schema';
import type { RouteLookup } from './error-response.filter';
import { mediaTypeOf } from './route-contract';

/**
 * Checks every answer against the schema its route documents, as tests run: a field added to a
 * response but not to its schema (or the reverse) is reported, so the document cannot drift from
 * what the code sends. Off in production (`onMismatch` unset).
 */
export function checkResponses(fastify: FastifyInstance, routeFor: RouteLookup, onMismatch: (problem: string) => void): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'HEAD') return payload;
    const status = reply.statusCode;
    const url = request.routeOptions.url;
    const route = url === undefined ? undefined : routeFor(request.method, url);
    const where = `${request.method} ${url ?? request.url} ${status}`;
    const spec = route?.responses[status];
    if (status >= 400 && !spec) {
      check(where, errorSchema, payload, onMismatch);
    } else if (!route) {
      return payload; // Swagger UI's own files.
    } else if (!spec) {
      onMismatch(`${where}: status not documented`);
    } else if (spec.schema) {
      const expected = spec.mediaType ?? 'application/json';
      const given = mediaTypeOf(String(reply.getHeader('content-type') ?? ''));
      if (given !== expected) onMismatch(`${where}: Content-Type ${given}, documented ${expected}`);
      else if (expected === 'application/json') check(where, spec.schema, payload, onMismatch);
    }
    return payload;
  });
}

function check(where: string, schema: z.ZodType, payload: unknown, onMismatch: (problem: string) => void): void {
  let body: unknown;
  try {
    body = JSON.parse(String(payload));
  } catch {
    onMismatch(`${where}: the body is not JSON`);
    return;
  }
  const result = schema.safeParse(body);
  if (result.success) return;
  const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  onMismatch(`${where}: ${issues.join('; ')}`);
}
