import { Inject, Injectable } from '@nestjs/common';
import { RuleBook, runBacktest, type BacktestReport } from '@chipwatch/alerts';
import { ConfigFileError } from '@chipwatch/config';
import type { EventStore } from '@chipwatch/event-store';
import { CLOCK, EVENT_STORE, type Clock } from '@chipwatch/platform';
import { configErrorResponse } from '../http/config-error';
import { resolvePointInTime, type PointInTime } from '../http/time-params';

@Injectable()
export class RulesService {
  constructor(
    private readonly rules: RuleBook,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  active() {
    const { ruleSet, activatedAt, source } = this.rules.active();
    return { hash: ruleSet.hash, activatedAt, source, rules: ruleSet.rules };
  }

  async backtest(rulesText: string, since?: PointInTime, until?: PointInTime): Promise<BacktestReport> {
    const now = this.clock.now();
    try {
      return await runBacktest(this.store, this.rules.active().ruleSet, {
        rulesText,
        file: 'request body',
        since: resolvePointInTime(since, now)?.toISOString(),
        until: resolvePointInTime(until, now)?.toISOString(),
      });
    } catch (error) {
      if (error instanceof ConfigFileError) throw configErrorResponse('rules', error);
      throw error;
    }
  }
}
