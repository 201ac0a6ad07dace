import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthService } from '@chipwatch/platform';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: "Each dependency's status; 503 when one is down. Needs no API key." })
  @ApiResponse({ status: 200, schema: { example: { status: 'up', checks: { eventStore: { status: 'up' } } } } })
  @ApiResponse({ status: 503, description: 'A dependency is down' })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.health.report();
    reply.status(report.status === 'up' ? 200 : 503);
    return report;
  }
}
