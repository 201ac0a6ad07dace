import { z } from 'zod';
import { route } from '../http/route-contract';

export const metricsRoutes = {
  scrape: route({
    operationId: 'metrics',
    method: 'GET',
    path: '/metrics',
    tag: 'operations',
    summary: 'Prometheus metrics: process, HTTP, event store, subscriptions, jobs',
    responses: {
      200: {
        description: 'Prometheus text exposition format 0.0.4',
        mediaType: 'text/plain',
        schema: z.string().describe('Prometheus text format'),
      },
    },
  }),
};
