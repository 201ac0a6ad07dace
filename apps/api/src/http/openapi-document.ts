import { z } from 'zod';
import { errorSchema } from './error.schema';
import { csvValuesOf } from './params.schema';
import type { RouteContract, RouteExample } from './route-contract';

/**
 * The OpenAPI 3.1 document, built from the route contracts the controllers validate with: the
 * zod schemas become JSON Schema (draft 2020-12, which OpenAPI 3.1 uses) as requests take them
 * (`io: 'input'`: defaults optional, coerced numbers as numbers) and as responses give them
 * (`io: 'output'`). Shared schemas (`.meta({ id })`) become components.
 */

/** A JSON Schema (draft 2020-12) object. */
export type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

export interface OpenApiExample {
  summary: string;
  value: unknown;
}

export interface OpenApiMediaType {
  schema: JsonSchema;
  examples?: Record<string, OpenApiExample>;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
  style?: 'form';
  explode?: false;
  examples?: Record<string, OpenApiExample>;
}

export interface OpenApiResponse {
  description: string;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters: OpenApiParameter[];
  requestBody?: { required: true; content: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse>;
  /** `[]` on public routes. */
  security?: [];
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: OpenApiInfo;
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description: string }>;
  };
  security: Record<string, []>[];
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter or the body is invalid; `parameter` names it',
  401: 'Missing or invalid API key (when the server sets CHIPWATCH_API_KEYS)',
  404: 'No such resource',
  409: 'Declared in subscribers.yaml: change it there',
  413: 'The body is larger than 1 MiB',
  415: 'A Content-Type this route does not take',
  500: 'An unexpected failure; the log has it under the x-request-id of the answer',
};

/** `/alerts/:id` → `/alerts/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The statuses of the shared error shape a route can answer, from what it takes. */
export function errorStatuses(route: RouteContract): number[] {
  const statuses = new Set<number>(route.errors ?? []);
  if (route.params || route.query || route.headers || route.body) statuses.add(400);
  if (!route.public) statuses.add(401);
  if (route.params) statuses.add(404);
  if (route.body) [413, 415].forEach((status) => statuses.add(status));
  statuses.add(500);
  return [...statuses].filter((status) => !(status in route.responses)).sort((a, b) => a - b);
}

export function buildOpenApiDocument(routes: readonly RouteContract[], info: OpenApiInfo): OpenApiDocument {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output') => toJsonSchema(schema, io, components);
  const errorResponse = (status: number): OpenApiResponse => ({
    description: ERROR_DESCRIPTIONS[status] ?? 'Error',
    content: { 'application/json': { schema: convert(errorSchema, 'output') } },
  });

  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const examples = route.examples ?? [];
    const parameters = [
      ...parametersOf(route.params, 'path', examples, convert),
      ...parametersOf(route.query, 'query', examples, convert),
      ...parametersOf(route.headers, 'header', examples, convert),
    ];
    const responses: Record<string, OpenApiResponse> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema ? { content: { [spec.mediaType ?? 'application/json']: { schema: convert(spec.schema, 'output') } } } : {}),
      };
    }
    for (const status of errorStatuses(route)) responses[status] = errorResponse(status);
    const operation: OpenApiOperation = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      parameters,
      ...(route.body ? { requestBody: requestBodyOf(route.body, examples, convert) } : {}),
      responses,
      ...(route.public ? { security: [] } : {}),
    };
    (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A key from CHIPWATCH_API_KEYS (16+ characters), when the server sets them',
        },
      },
    },
    security: [{ bearer: [] }],
  };
}

type Convert = (schema: z.ZodType, io: 'input' | 'output') => JsonSchema;

function parametersOf(
  schema: z.ZodObject | undefined,
  where: 'path' | 'query' | 'header',
  examples: readonly RouteExample[],
  convert: Convert,
): OpenApiParameter[] {
  if (!schema) return [];
  const object = convert(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  const part = ({ path: 'params', query: 'query', header: 'headers' } as const)[where];
  return Object.entries(properties).map(([name, property]): OpenApiParameter => {
    const { description, ...propertySchema } = property;
    const named = examples.filter((example) => example[part]?.[name] !== undefined);
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
      // Comma-separated lists: `type=A,B`, not `type=A&type=B`.
      ...(propertySchema.type === 'array' ? { style: 'form' as const, explode: false as const } : {}),
      ...(named.length > 0
        ? {
            examples: Object.fromEntries(
              named.map((example) => [example.name, { summary: example.summary, value: example[part]?.[name] }]),
            ),
          }
        : {}),
    };
  });
}

function requestBodyOf(
  body: Readonly<Record<string, z.ZodType>>,
  examples: readonly RouteExample[],
  convert: Convert,
): NonNullable<OpenApiOperation['requestBody']> {
  const [first] = Object.keys(body);
  const content: Record<string, OpenApiMediaType> = {};
  for (const [mediaType, schema] of Object.entries(body)) {
    const named = examples.filter((example) => example.body !== undefined && (example.mediaType ?? first) === mediaType);
    content[mediaType] = {
      schema: convert(schema, 'input'),
      ...(named.length > 0
        ? { examples: Object.fromEntries(named.map((example) => [example.name, { summary: example.summary, value: example.body }])) }
        : {}),
    };
  }
  return { required: true, content };
}

const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    override: ({ zodSchema, jsonSchema }) => {
      const values = csvValuesOf(zodSchema);
      if (values) {
        const { description } = jsonSchema;
        for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
        Object.assign(jsonSchema, {
          type: 'array',
          items: { type: 'string', enum: [...values] },
          minItems: 1,
          ...(description ? { description } : {}),
        });
      }
      // Responses gain fields over time (never lose or rename one): clients must not refuse them.
      if (io === 'output' && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      if (SAFE_INTEGER_BOUNDS.has(jsonSchema.maximum as number)) delete jsonSchema.maximum;
      if (SAFE_INTEGER_BOUNDS.has(jsonSchema.minimum as number)) delete jsonSchema.minimum;
    },
  }) as JsonSchema;
  const { $schema: _dialect, $defs, ...root } = json;
  for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    const rewritten = rewriteRefs(definition) as JsonSchema;
    if (components[id] && JSON.stringify(components[id]) !== JSON.stringify(rewritten)) {
      throw new Error(`schema "${id}" converts differently as ${io} than where it was first used: give the ${io} variant an id of its own`);
    }
    components[id] = rewritten;
  }
  return rewriteRefs(root) as JsonSchema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string' ? child.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(child),
    ]),
  );
}
