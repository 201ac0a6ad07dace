import { Controller, Header } from '@nestjs/common';
import { MetricsService } from '@chipwatch/platform';
import { Route } from '../http/route-contract';
import { metricsRoutes } from './metrics.schema';

@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Route(metricsRoutes.scrape)
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
