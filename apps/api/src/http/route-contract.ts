import {
  applyDecorators,
  createParamDecorator,
  HttpCode,
  RequestMapping,
  RequestMethod,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { apiError } from './error.schema';

/**
 * One declaration per endpoint: what it takes (path, query, header and body schemas), what it
 * answers, and examples. The controller validates with it (`@Route` + `@Input`) and the OpenAPI
 * document is built from it, so the two cannot tell different stories.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface ResponseSpec {
  description: string;
  /** The body; none for 204. Strict objects, so a test sees an undocumented field (the document leaves them open). */
  schema?: z.ZodType;
  /** @defaultValue application/json */
  mediaType?: string;
}

/** A whole request that the route accepts: the walk test sends every one of them. */
export interface RouteExample {
  /** Key of the example in the document (unique per route). */
  name: string;
  summary: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Media type of `body`. @defaultValue the first of the route's body types */
  mediaType?: string;
}

export interface RouteContract {
  operationId: string;
  method: HttpMethod;
  /** As Fastify writes it: `/alerts/:id`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Needs no API key (only /health). */
  public?: boolean;
  params?: AnyObject;
  query?: AnyObject;
  /** Header names as documented (`Last-Event-ID`); matched case-insensitively. */
  headers?: AnyObject;
  /** The body schema per accepted media type. */
  body?: Readonly<Record<string, z.ZodType>>;
  /** Success answers by status, and answers other than the shared error shape (503 of /health). */
  responses: Readonly<Record<number, ResponseSpec>>;
  /** Error statuses beyond those the inputs imply (400, 401, 404 for path ids, 413 and 415 for bodies, 500). */
  errors?: readonly number[];
  examples?: readonly RouteExample[];
}

/** Keeps the literal types of a contract, for `RouteInput`. */
export function route<const C extends RouteContract>(contract: C): C {
  return contract;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type BodyOut<B> = B extends Readonly<Record<string, z.ZodType>> ? z.output<B[keyof B]> : undefined;

/** What `@Input()` hands the handler: every part parsed by the contract's schemas. */
export interface RouteInput<C extends RouteContract> {
  params: Out<C['params']>;
  query: Out<C['query']>;
  headers: Out<C['headers']>;
  body: BodyOut<C['body']>;
}

const ROUTE_CONTRACT = 'chipwatch:route-contract';

/** Maps the handler to the contract's method and path, with its success status. */
export function Route(contract: RouteContract): MethodDecorator {
  const success =
    Object.keys(contract.responses)
      .map(Number)
      .find((status) => status >= 200 && status < 300) ?? 200;
  return applyDecorators(
    RequestMapping({ path: contract.path, method: RequestMethod[contract.method] }),
    HttpCode(success),
    SetMetadata(ROUTE_CONTRACT, contract),
  );
}

/** The request's params, query, headers and body, parsed by the handler's `@Route` contract. */
export const Input = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const contract = Reflect.getMetadata(ROUTE_CONTRACT, context.getHandler()) as RouteContract | undefined;
  if (!contract) throw new Error(`${context.getClass().name}.${context.getHandler().name} uses @Input() without @Route()`);
  return parseRequest(contract, context.switchToHttp().getRequest<FastifyRequest>());
});

/** Validates the parts in the order a reader fixes them: path, query, headers, body. */
export function parseRequest(contract: RouteContract, request: Pick<FastifyRequest, 'params' | 'query' | 'headers' | 'body'>) {
  const params = contract.params ? parseInput(contract.params, request.params, 'path') : undefined;
  const query = contract.query ? parseInput(contract.query, request.query, 'query') : undefined;
  const headers = contract.headers ? parseInput(contract.headers, pickHeaders(contract.headers, request.headers), 'header') : undefined;
  const body = contract.body ? parseBody(contract.body, request) : undefined;
  return { params, query, headers, body };
}

function pickHeaders(schema: AnyObject, headers: FastifyRequest['headers']): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = headers[name.toLowerCase()];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';', 1)[0].trim().toLowerCase();
  return type || undefined;
}

function parseBody(types: Readonly<Record<string, z.ZodType>>, request: Pick<FastifyRequest, 'headers' | 'body'>): unknown {
  const accepted = Object.keys(types);
  const mediaType = mediaTypeOf(request.headers['content-type']);
  if (request.body === undefined || mediaType === undefined) {
    throw apiError(400, `expected a request body (Content-Type: ${accepted.join(', ')})`, 'body');
  }
  const schema = types[mediaType];
  if (!schema) throw apiError(415, `expected Content-Type ${accepted.join(', ')}, not ${mediaType}`, 'Content-Type');
  return parseInput(schema, request.body, 'body');
}

/**
 * Validates one part of a request with a zod schema; the first problem becomes a 400 naming the
 * parameter: the query, path or header parameter itself, the dotted field of a body (`rules.0`),
 * or `where` when the part is a single value.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'query'): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path.map(String), issue.keys[0]] : issue.path.map(String);
  // A query, path or header parameter is named by itself, never by an index into its value.
  const parameter = (where === 'body' ? path.join('.') : path[0]) || where;
  const message = issue.code === 'unrecognized_keys' ? `unknown ${where} parameter "${issue.keys[0]}"` : issue.message;
  throw apiError(400, message, parameter);
}
