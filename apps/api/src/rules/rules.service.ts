import { Inject, Injectable } from '@nestjs/common';
import { RULESET_STREAM, RuleBook, runBacktest, type BacktestReport, type RuleSetEvent } from '@chipwatch/alerts';
import { ConfigFileError } from '@chipwatch/config';
import type { EventStore } from '@chipwatch/event-store';
import { CLOCK, EVENT_STORE, type Clock } from '@chipwatch/platform';
import { configErrorResponse } from '../http/config-error';
import { unknownValue } from '../http/error.schema';
import { resolvePointInTime, type PointInTime } from '../http/params.schema';

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

  /**
   * A rule filter names a rule that is active or ever was: alerts outlive a rule removed from
   * rules.yaml, and every version of the file that became active is on the `ruleset` stream (one
   * event per edit, so reading it is cheap). Anything else is a typo: 400 listing the known ids.
   */
  async requireKnownRule(ruleId: string | undefined, parameter = 'rule'): Promise<void> {
    if (ruleId === undefined) return;
    const active = this.rules.active().ruleSet.ruleIds;
    if (active.includes(ruleId)) return;
    const known = new Set(active);
    for (const event of await this.store.readStream<RuleSetEvent>(RULESET_STREAM)) {
      if (event.type === 'RuleSetActivated') for (const id of event.data.ruleIds) known.add(id);
    }
    if (!known.has(ruleId)) throw unknownValue(parameter, 'rule', ruleId, [...known]);
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
