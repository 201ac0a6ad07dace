import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthService } from '@chipwatch/platform';
import { Route } from '../http/route-contract';
import { healthRoutes } from './health.schema';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Route(healthRoutes.check)
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.health.report();
    reply.status(report.status === 'up' ? 200 : 503);
    return report;
  }
}
