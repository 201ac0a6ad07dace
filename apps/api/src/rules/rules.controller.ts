import { Controller } from '@nestjs/common';
import { Input, Route, type RouteInput } from '../http/route-contract';
import { ruleRoutes } from './rules.schema';
import { RulesService } from './rules.service';

@Controller()
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Route(ruleRoutes.active)
  active() {
    return this.rules.active();
  }

  @Route(ruleRoutes.backtest)
  backtest(@Input() { query, body }: RouteInput<typeof ruleRoutes.backtest>) {
    return typeof body === 'string'
      ? this.rules.backtest(body, query.since, query.until)
      : this.rules.backtest(body.rules, body.since ?? query.since, body.until ?? query.until);
  }
}
