import { join } from 'node:path';
import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Settings } from '@chipwatch/config';
import type { EventStore } from '@chipwatch/event-store';
import { CLOCK, EVENT_STORE, LOGGER, SETTINGS, type Clock, type Logger } from '@chipwatch/platform';
import { AlertEvaluator } from './runtime/alert-evaluator';
import { RuleBook } from './runtime/rule-book';

@Injectable()
class RuleBookLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RuleBook) private readonly rules: RuleBook) {}

  onApplicationShutdown(): void {
    this.rules.stop();
  }
}

/** The active rules (rules.yaml, hot-reloaded, recorded in the `ruleset` stream) and the evaluator. */
@Module({
  providers: [
    {
      provide: RuleBook,
      inject: [SETTINGS, EVENT_STORE, CLOCK, LOGGER],
      useFactory: async (settings: Settings, store: EventStore, clock: Clock, logger: Logger) => {
        const rules = new RuleBook(join(settings.configDir, 'rules.yaml'), store, () => clock.now(), {
          onActivated: (active) => logger.info({ hash: active.ruleSet.hash, rules: active.ruleSet.ruleIds }, 'rules.yaml reloaded'),
          onRejected: (error) =>
            logger.error({ issues: error.issues }, `rules.yaml rejected; previous rules stay active: ${error.message}`),
        });
        const active = await rules.start();
        logger.info({ hash: active.ruleSet.hash, rules: active.ruleSet.ruleIds }, 'rules loaded');
        rules.watch();
        return rules;
      },
    },
    {
      provide: AlertEvaluator,
      inject: [EVENT_STORE, RuleBook],
      useFactory: (store: EventStore, rules: RuleBook) => new AlertEvaluator(store, () => rules.active().ruleSet),
    },
    RuleBookLifecycle,
  ],
  exports: [RuleBook, AlertEvaluator],
})
export class AlertsModule {}
