import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MetricsService } from '@chipwatch/platform';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics: process, HTTP, event store, subscriptions, jobs' })
  @ApiProduces('text/plain')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
