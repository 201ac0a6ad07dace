import { decide, evolve, initialAlertState } from './alert-evaluation';
import { alertId } from './alert-id';
import { backtest, BacktestInputError, type BacktestStory, type RuleBacktest } from './backtest';
import { aStory, rulesFrom } from './testing/alert-fixtures';
import { syntheticHistory, syntheticRules, syntheticRulesYaml } from './testing/synthetic-history';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-04-15T10:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

const ACTIVE = rulesFrom(`  - { id: any-story, when: { topic: ai-chip-export-controls, minScore: 0.6 }, severity: medium }
  - { id: restrictions, when: { topic: ai-chip-export-controls, minScore: 0.8, subtopics: { any: [new-restriction] } }, severity: high }
  - { id: huawei-watch, when: { topic: ai-chip-export-controls, keywords: { any: [huawei] } }, severity: low }
`);
// any-story raised to 0.7; restrictions unchanged; huawei-watch removed; nvidia added.
const CANDIDATE = rulesFrom(`  - { id: any-story, when: { topic: ai-chip-export-controls, minScore: 0.7 }, severity: medium }
  - { id: restrictions, when: { topic: ai-chip-export-controls, minScore: 0.8, subtopics: { any: [new-restriction] } }, severity: high }
  - { id: nvidia, when: { topic: ai-chip-export-controls, entities: { any: [NVIDIA] } }, severity: high }
`);

const NVIDIA_TITLE = 'Nvidia shares slide as H20 sales to China stall';
const market = { subtopics: ['market-reaction'] };
const HISTORY: BacktestStory[] = [
  aStory({ storyId: 'a', title: NVIDIA_TITLE, at: at(0), classification: { ...market, score: 0.65 } }),
  // The same news from another outlet: one cluster with a.
  aStory({ storyId: 'b', feedId: 'cnbc-tech', title: `${NVIDIA_TITLE} - CNBC`, at: at(1), classification: { ...market, score: 0.75 } }),
  // Other events: their facts are their own (the builder's default facts would make them one event with a).
  aStory({
    storyId: 'c',
    title: 'Huawei ramps up Ascend output despite curbs',
    summary: 'Huawei is making more of its own AI processors.',
    at: at(2),
    classification: { ...market, score: 0.62, entities: { companies: ['Huawei'], products: ['Ascend'], agencies: [], jurisdictions: [] } },
  }),
  aStory({
    storyId: 'd',
    title: 'US adds 140 Chinese firms to Entity List',
    summary: 'The blacklist grows again.',
    at: at(3),
    classification: {
      score: 0.9,
      subtopics: ['new-restriction'],
      entities: { companies: ['NVIDIA'], products: [], agencies: ['Commerce Department'], jurisdictions: ['United States', 'China'] },
      numbers: [{ value: 140, unit: "count" }],
    },
  }),
  // a reclassified: now above the candidate's 0.7, but its cluster already alerted (through b).
  aStory({ storyId: 'a', title: NVIDIA_TITLE, at: at(4), classification: { ...market, score: 0.72 } }),
];

const byRule = (rules: RuleBacktest[]) => Object.fromEntries(rules.map((r) => [r.ruleId, r]));
const ids = (samples: { storyId: string }[]) => samples.map((s) => s.storyId);

describe('backtest', () => {
  it('given a hand-made history, when a candidate is compared with the active rules, then gains and losses are by (rule, cluster)', () => {
    const report = backtest({ history: HISTORY, candidate: CANDIDATE, active: ACTIVE });
    const rules = byRule(report.rules);

    expect(report.totals).toEqual({ classifications: 5, stories: 4, clusters: 3, alerts: 5, activeAlerts: 5, gained: 2, lost: 2 });
    expect(report.rules.map((r) => [r.ruleId, r.status])).toEqual([
      ['any-story', 'changed'],
      ['restrictions', 'unchanged'],
      ['nvidia', 'added'],
      ['huawei-watch', 'removed'],
    ]);

    // any-story: active alerted on a's cluster (via a), c and d; the candidate on a's cluster
    // (via b, the first member above 0.7) and d, and records a's reclassification on that alert.
    expect(rules['any-story']).toMatchObject({ alerts: 2, activeAlerts: 3, recorded: 1 });
    expect(ids(rules['any-story'].samples)).toEqual(['d', 'b']);
    expect(rules['any-story'].gained).toEqual({ count: 0, samples: [] });
    expect(rules['any-story'].lost.count).toBe(1);
    expect(rules['any-story'].lost.samples).toEqual([
      { storyId: 'c', title: 'Huawei ramps up Ascend output despite curbs', score: 0.62, at: at(2), clusterId: 'c', alertId: alertId('any-story', 'c') },
    ]);

    expect(rules.restrictions).toMatchObject({ alerts: 1, activeAlerts: 1, gained: { count: 0 }, lost: { count: 0 } });
    expect(rules.nvidia).toMatchObject({ alerts: 2, activeAlerts: 0, recorded: 1, gained: { count: 2 }, lost: { count: 0 } });
    expect(ids(rules.nvidia.gained.samples)).toEqual(['d', 'a']);
    expect(rules['huawei-watch']).toMatchObject({ alerts: 0, activeAlerts: 1, lost: { count: 1 } });
    expect(ids(rules['huawei-watch'].lost.samples)).toEqual(['c']);
  });

  it('given since, then earlier stories shape clusters and past alerts but are not reported', () => {
    const report = backtest({ history: HISTORY, candidate: CANDIDATE, active: ACTIVE, since: at(2.5) });
    const rules = byRule(report.rules);

    expect(report.totals).toMatchObject({ classifications: 2, stories: 2, clusters: 2 });
    expect(rules['any-story']).toMatchObject({ alerts: 1, activeAlerts: 1, recorded: 1, lost: { count: 0 } });
    expect(ids(rules.nvidia.gained.samples)).toEqual(['d']);
    expect(rules['huawei-watch'].lost.count).toBe(0);
  });

  it('given until, then later stories are ignored', () => {
    const report = backtest({ history: HISTORY, candidate: CANDIDATE, active: ACTIVE, until: at(1.5) });
    expect(report.totals).toMatchObject({ classifications: 2, stories: 2, clusters: 1 });
    expect(byRule(report.rules)['any-story']).toMatchObject({ alerts: 1, activeAlerts: 1 });
  });

  it('given the same rules on both sides, then nothing is gained or lost and sampleSize bounds the samples', () => {
    const report = backtest({ history: HISTORY, candidate: ACTIVE, active: ACTIVE, sampleSize: 1 });
    expect(report.totals).toMatchObject({ gained: 0, lost: 0, alerts: 5, activeAlerts: 5 });
    expect(report.rules.every((r) => r.status === 'unchanged' && r.samples.length <= 1)).toBe(true);
    expect(ids(byRule(report.rules)['any-story'].samples)).toEqual(['d']);
  });

  it('given a throttled candidate, then it raises one alert per cluster per window, exactly as live evaluation would', () => {
    const throttled = rulesFrom('  - { id: any-story, when: { topic: ai-chip-export-controls, minScore: 0.6 }, severity: medium, throttle: 1h }\n');
    const report = backtest({ history: HISTORY, candidate: throttled, active: ACTIVE });
    // a's cluster: a in the 10:00 window, b in the 11:00 window; c; d. a's reclassification never re-alerts.
    expect(byRule(report.rules)['any-story']).toMatchObject({ alerts: 4, activeAlerts: 3, gained: { count: 0 }, lost: { count: 0 } });
  });

  it('given a synthetic history, then per-rule alert and record counts equal those of the live decide/evolve loop', () => {
    const history = syntheticHistory(3000, { seed: 7 });
    const rules = syntheticRules(50, 3);
    const live = new Map<string, { raised: number; grew: number }>(rules.ruleIds.map((id) => [id, { raised: 0, grew: 0 }]));
    const state = initialAlertState();
    for (const story of history) {
      const { events } = decide(state, rules, story);
      evolve(state, { type: 'StoryClassified', data: story });
      for (const event of events) {
        evolve(state, event);
        const counts = live.get(event.data.ruleId)!;
        if (event.type === 'AlertRaised') counts.raised++;
        else counts.grew++;
      }
    }

    const report = backtest({ history, candidate: rules, active: rules });

    expect(report.rules.map((r) => [r.ruleId, r.alerts, r.recorded])).toEqual(rules.ruleIds.map((id) => [id, live.get(id)!.raised, live.get(id)!.grew]));
    expect(report.totals.alerts).toBeGreaterThan(100);
    expect(report.rules.some((r) => r.recorded > 0)).toBe(true);
  });

  it('given a time that is not ISO 8601, then a typed error names the field', () => {
    expect(() => backtest({ history: [], candidate: ACTIVE, active: ACTIVE, since: 'last week' })).toThrow(BacktestInputError);
  });
});

describe('synthetic data', () => {
  it('is deterministic and its rules are valid', () => {
    expect(syntheticHistory(200, { seed: 3 })).toEqual(syntheticHistory(200, { seed: 3 }));
    expect(syntheticRulesYaml(50, 1)).toBe(syntheticRulesYaml(50, 1));
    expect(syntheticRules(50).rules).toHaveLength(50);
  });
});
