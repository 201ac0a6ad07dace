import { z } from 'zod';
import { route } from './route-contract';

/** The document and its UI, served by SwaggerModule (Swagger UI from swagger-ui-dist: no CDN, works offline). */
export const docsRoutes = {
  ui: route({
    operationId: 'docsUi',
    method: 'GET',
    path: '/docs',
    tag: 'operations',
    summary: 'This document in Swagger UI',
    responses: { 200: { description: 'The UI', mediaType: 'text/html', schema: z.string() } },
  }),
  json: route({
    operationId: 'openApiDocument',
    method: 'GET',
    path: '/docs/openapi.json',
    tag: 'operations',
    summary: 'This OpenAPI 3.1 document',
    responses: {
      200: {
        description: 'The document',
        schema: z.looseObject({ openapi: z.string(), info: z.record(z.string(), z.unknown()), paths: z.record(z.string(), z.unknown()) }),
      },
    },
  }),
  yaml: route({
    operationId: 'openApiDocumentYaml',
    method: 'GET',
    path: '/docs-yaml',
    tag: 'operations',
    summary: 'This OpenAPI 3.1 document as YAML',
    responses: { 200: { description: 'The document', mediaType: 'text/yaml', schema: z.string() } },
  }),
};
