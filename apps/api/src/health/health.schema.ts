import type { HealthReport } from '@chipwatch/platform';
import { z } from 'zod';
import { route } from '../http/route-contract';
import { sameShape } from '../http/shape-check';

const status = z.enum(['up', 'down']);

export const healthReportSchema = z
  .strictObject({
    status: status.describe('down when any dependency is down'),
    checks: z
      .record(
        z.string(),
        z.strictObject({
          status,
          detail: z
            .union([z.record(z.string(), z.unknown()), z.string()])
            .optional()
            .describe('Why it is down, or a detail such as the adapter when up'),
        }),
      )
      .describe('By dependency: eventStore, queue, and what else the process registers'),
  })
  .meta({ id: 'HealthReport' });
sameShape<HealthReport>()(healthReportSchema);

export const healthRoutes = {
  check: route({
    operationId: 'health',
    method: 'GET',
    path: '/health',
    tag: 'operations',
    summary: "Each dependency's status; 503 when one is down. Needs no API key.",
    public: true,
    responses: {
      200: { description: 'Every dependency is up', schema: healthReportSchema },
      503: { description: 'A dependency is down (the same report)', schema: healthReportSchema },
    },
  }),
};
