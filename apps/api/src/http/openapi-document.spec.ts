import { API_ROUTES } from '../api.routes';
import { openApiDocument } from './http-server';
import { errorStatuses, openApiPath, type OpenApiOperation } from './openapi-document';
import { parseRequest, type RouteContract } from './route-contract';

const document = openApiDocument();
const operationOf = (route: RouteContract): OpenApiOperation => document.paths[openApiPath(route.path)][route.method.toLowerCase()];
const each = API_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const);

describe('the OpenAPI document built from the route contracts', () => {
  it('is OpenAPI 3.1 with plain bearer security (no JWT), and /health public', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearer']);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes.bearer).not.toHaveProperty('bearerFormat');
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(document.paths['/events'].get.security).toBeUndefined();
  });

  it.each(each)('documents %s with every path parameter, required', (_name, route) => {
    const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);
    const declared = operationOf(route).parameters.filter((p) => p.in === 'path');
    expect(declared.map((p) => p.name)).toEqual(names);
    expect(declared.every((p) => p.required && p.schema.type === 'string')).toBe(true);
  });

  it.each(each)('documents %s with its query parameters, a body schema where it takes one, and a 2xx schema', (_name, route) => {
    const operation = operationOf(route);
    const query = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    expect(query).toEqual(Object.keys(route.query?.shape ?? {}));
    if (route.body) expect(Object.keys(operation.requestBody?.content ?? {})).toEqual(Object.keys(route.body));
    else expect(operation.requestBody).toBeUndefined();
    const [success, answer] = Object.entries(operation.responses).find(([status]) => status.startsWith('2')) ?? [];
    expect(answer).toBeDefined();
    if (success === '204') expect(answer?.content).toBeUndefined();
    else expect(Object.values(answer?.content ?? {})[0]?.schema).toEqual(expect.any(Object));
  });

  it.each(each)('documents the error answers of %s with the Error schema', (_name, route) => {
    const { responses } = operationOf(route);
    const statuses = errorStatuses(route);
    expect(statuses).toContain(500);
    for (const status of statuses) {
      expect(responses[status].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    }
  });

  it.each(each)("accepts every example of %s with the route's own schemas", (_name, route) => {
    for (const example of route.examples ?? []) {
      const mediaType = example.mediaType ?? Object.keys(route.body ?? {})[0];
      const request = {
        params: example.params ?? {},
        query: example.query ?? {},
        headers: Object.fromEntries(
          Object.entries({ ...example.headers, 'content-type': mediaType }).map(([k, v]) => [k.toLowerCase(), v]),
        ),
        body: example.body,
      };
      expect(() => parseRequest(route, request)).not.toThrow();
    }
  });

  it('gives every route an example when it takes parameters or a body', () => {
    const without = API_ROUTES.filter((route) => (route.params || route.body) && !route.examples?.length).map((route) => route.path);
    expect(without).toEqual([]);
  });

  it('shows closed vocabularies of comma-separated lists as arrays of their values', () => {
    const severity = document.paths['/alerts'].get.parameters.find((p) => p.name === 'severity');
    expect(severity).toMatchObject({
      style: 'form',
      explode: false,
      schema: { type: 'array', items: { enum: ['info', 'low', 'medium', 'high', 'critical'] } },
    });
  });

  it('leaves responses open to new fields, and refuses unknown fields in request bodies', () => {
    expect(document.components.schemas.Alert.additionalProperties).toBeUndefined();
    const create = document.paths['/subscriptions'].post.requestBody?.content['application/json'].schema;
    expect(create?.additionalProperties).toBe(false);
  });

  it('gives every operation a unique id', () => {
    const ids = API_ROUTES.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
