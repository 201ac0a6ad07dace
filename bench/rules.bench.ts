import { backtest, decide, evolve, initialAlertState, matchRules } from '@chipwatch/alerts';
import { syntheticHistory, syntheticRules } from '../libs/alerts/src/testing/synthetic-history';
import { alternate, higherIsBetter, round, type Bench } from './bench-kit';

const EVALUATE_STORIES = 20_000;
const BACKTEST_STORIES = 100_000;

/**
 * `rules.evaluate`: classified stories/s through 50 rules in the live loop (decide + evolve:
 * matching, clustering, throttling, the ledger), next to matching alone on the same stories.
 * `rules.backtest100k`: a backtest of two 50-rule sets over 100k stories, next to matching both
 * sets over the same history (the least work a backtest must do).
 */
export const rulesBench: Bench = {
  name: 'rules',
  async run() {
    const rules = syntheticRules(50, 1);
    const history = syntheticHistory(EVALUATE_STORIES, { seed: 7 });
    const evaluate = await alternate(
      3,
      async () => {
        const state = initialAlertState();
        const started = performance.now();
        for (const story of history) {
          const decision = decide(state, rules, story);
          evolve(state, { type: 'StoryClassified', data: story });
          for (const event of decision.events) evolve(state, event);
        }
        return history.length / ((performance.now() - started) / 1000);
      },
      async () => {
        const started = performance.now();
        for (const story of history) matchRules(rules, story);
        return history.length / ((performance.now() - started) / 1000);
      },
    );

    const big = syntheticHistory(BACKTEST_STORIES, { seed: 11 });
    const candidate = syntheticRules(50, 2);
    const timed = await alternate(
      1,
      async () => {
        const started = performance.now();
        backtest({ history: big, candidate, active: rules });
        return (performance.now() - started) / 1000;
      },
      async () => {
        const started = performance.now();
        for (const story of big) {
          matchRules(candidate, story);
          matchRules(rules, story);
        }
        return (performance.now() - started) / 1000;
      },
    );
    return [
      higherIsBetter('rules.evaluate', 'stories/s', evaluate, 'live decide+evolve through 50 rules; baseline: matchRules alone'),
      {
        name: 'rules.backtest100k',
        unit: 's',
        value: round(timed.value, 2),
        baseline: round(timed.baseline, 2),
        ratio: round(timed.baseline / timed.value, 3),
        note: 'two 50-rule sets over 100k stories; baseline: matching both sets, no clustering; ratio = baseline ÷ value',
      },
    ];
  },
};
