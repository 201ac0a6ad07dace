import { alertId } from './alert-id';
import type { AlertEvent, AlertRaised } from './alert.events';
import { alertEventId } from './alert.events';
import {
  decide,
  evolve,
  initialAlertState,
  restoreAlertState,
  snapshotAlertState,
  type AlertEvaluatorEvent,
  type AlertEvaluatorState,
  type AlertStateSnapshot,
  type ClassifiedStory,
} from './alert-evaluation';
import { aStory, rulesFrom } from './testing/alert-fixtures';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-04-15T10:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

const RULES = rulesFrom(`  - { id: any-story, when: { topic: ai-chip-export-controls, minScore: 0.6 }, severity: medium }
  - { id: restrictions, when: { topic: ai-chip-export-controls, minScore: 0.8, subtopics: { any: [new-restriction] } }, severity: high }
`);

const TITLE = 'US tightens export controls on Nvidia H20 chips bound for China';

/** The live loop: decide, "append", then fold the story and the appended events. */
function live(state: AlertEvaluatorState, story: ClassifiedStory, rules = RULES, log: AlertEvaluatorEvent[] = []): AlertEvent[] {
  const { events } = decide(state, rules, story);
  const appended: AlertEvaluatorEvent[] = [{ type: 'StoryClassified', data: story }, ...events];
  for (const event of appended) evolve(state, event);
  log.push(...appended);
  return events;
}

const summary = (events: AlertEvent[]) => events.map((e) => `${e.type} ${e.data.ruleId} ${e.data.storyId}`);

describe('alert evaluation', () => {
  it('given a new matching story, when decided, then each matching rule raises one alert that explains itself', () => {
    const state = initialAlertState();
    const story = aStory({ storyId: 'reuters', title: TITLE, at: at(0) });

    const decision = decide(state, RULES, story);

    expect(decision.clusterId).toBe('reuters');
    expect(decision.matches.map((m) => m.ruleId)).toEqual(['any-story', 'restrictions']);
    expect(decision.events).toHaveLength(2);
    const raised = decision.events[1] as AlertRaised;
    expect(raised).toEqual({
      type: 'AlertRaised',
      data: {
        alertId: alertId('restrictions', 'reuters'),
        ruleId: 'restrictions',
        ruleHash: expect.stringMatching(/^[0-9a-f]{12}$/) as string,
        severity: 'high',
        storyId: 'reuters',
        clusterId: 'reuters',
        throttleWindow: null,
        windowStart: null,
        title: TITLE,
        url: story.url,
        feedId: 'wccftech',
        score: 0.9,
        subtopics: ['new-restriction', 'licence-decision'],
        evidence: story.classification.evidence,
        reasons: ['topic ai-chip-export-controls (relevant)', 'score 0.9 ≥ 0.8', 'subtopic new-restriction (any of new-restriction)'],
      },
    });
    expect(alertEventId(raised)).toBe(`AlertRaised:${raised.data.alertId}`);
  });

  it('decide never changes the state: deciding twice gives the same events (a retried append is idempotent)', () => {
    const state = initialAlertState();
    const story = aStory({ storyId: 'a', title: TITLE, at: at(0) });
    const before = JSON.stringify(snapshotAlertState(state));

    const first = decide(state, RULES, story);
    const second = decide(state, RULES, story);

    expect(second).toEqual(first);
    expect(JSON.stringify(snapshotAlertState(state))).toBe(before);
  });

  it('given the same story from a second feed, then it is recorded on the existing alerts, not sent again', () => {
    const state = initialAlertState();
    live(state, aStory({ storyId: 'reuters', feedId: 'cnbc-tech', title: TITLE, at: at(0) }));

    const events = live(state, aStory({ storyId: 'scmp', feedId: 'scmp-tech', title: `${TITLE} - SCMP`, at: at(5) }));

    expect(summary(events)).toEqual(['AlertClusterGrew any-story scmp', 'AlertClusterGrew restrictions scmp']);
    expect(events[1].data).toMatchObject({ alertId: alertId('restrictions', 'reuters'), clusterId: 'reuters' });
    expect(alertEventId(events[1])).toBe(`AlertClusterGrew:${alertId('restrictions', 'reuters')}:scmp`);
  });

  it('given a later member that only now matches a rule, then that rule raises its first alert for the cluster', () => {
    const state = initialAlertState();
    live(state, aStory({ storyId: 'a', title: TITLE, at: at(0), classification: { score: 0.7 } }));

    const events = live(state, aStory({ storyId: 'b', title: TITLE, at: at(1), classification: { score: 0.85 } }));

    expect(summary(events)).toEqual(['AlertClusterGrew any-story b', 'AlertRaised restrictions b']);
    expect(events[1].data.clusterId).toBe('a');
  });

  it('given a reclassification or an edit of an alerted story, then nothing is raised or recorded again', () => {
    const state = initialAlertState();
    live(state, aStory({ storyId: 'a', title: TITLE, at: at(0) }));

    expect(live(state, aStory({ storyId: 'a', title: TITLE, at: at(1), classification: { score: 0.95 } }))).toEqual([]);
    // StoryUpdated then reclassified: new title, days later, still the same story.
    expect(live(state, aStory({ storyId: 'a', title: 'Updated: US finalises H20 rule', at: at(72) }))).toEqual([]);
  });

  it('given a story that stops and starts matching again, then it is still not re-alerted', () => {
    const state = initialAlertState();
    live(state, aStory({ storyId: 'a', title: TITLE, at: at(0) }));
    expect(live(state, aStory({ storyId: 'a', title: TITLE, at: at(1), classification: { relevant: false, score: 0.3 } }))).toEqual([]);
    expect(live(state, aStory({ storyId: 'a', title: TITLE, at: at(2) }))).toEqual([]);
  });

  it('given a story first classified below a rule and reclassified above it, then that rule alerts once', () => {
    const state = initialAlertState();
    expect(summary(live(state, aStory({ storyId: 'a', at: at(0), classification: { score: 0.7 } })))).toEqual(['AlertRaised any-story a']);
    expect(summary(live(state, aStory({ storyId: 'a', at: at(1), classification: { score: 0.9 } })))).toEqual(['AlertRaised restrictions a']);
    expect(live(state, aStory({ storyId: 'a', at: at(2), classification: { score: 0.9 } }))).toEqual([]);
  });

  describe('throttle', () => {
    const THROTTLED = rulesFrom('  - { id: hot, when: { topic: ai-chip-export-controls }, severity: high, throttle: 6h }\n');
    // Windows are epoch-aligned: T0 = 10:00 UTC lies in the 06:00–12:00 window.

    it('given members of one cluster in one window, then one alert; in the next window, a new alert for the same cluster', () => {
      const state = initialAlertState();
      const raise = (storyId: string, hours: number) => summary(live(state, aStory({ storyId, title: TITLE, at: at(hours) }), THROTTLED));

      expect(raise('a', 0)).toEqual(['AlertRaised hot a']);
      expect(raise('b', 1.9)).toEqual(['AlertClusterGrew hot b']);
      expect(raise('c', 2.1)).toEqual(['AlertRaised hot c']); // 12:06: next window
      expect(raise('d', 7)).toEqual(['AlertClusterGrew hot d']); // 17:00: same window as c
      expect(raise('e', 30)).toEqual(['AlertRaised hot e']);
    });

    it('the alert id includes the window, and the event says which window', () => {
      const state = initialAlertState();
      const [first] = live(state, aStory({ storyId: 'a', title: TITLE, at: at(0) }), THROTTLED);
      const [second] = live(state, aStory({ storyId: 'b', title: TITLE, at: at(3) }), THROTTLED);

      expect(first.data.alertId).not.toBe(second.data.alertId);
      expect(first.data.alertId).toBe(alertId('hot', 'a', first.data.throttleWindow));
      expect(first).toMatchObject({ data: { clusterId: 'a', windowStart: '2025-04-15T06:00:00.000Z' } });
      expect(second).toMatchObject({ data: { clusterId: 'a', windowStart: '2025-04-15T12:00:00.000Z' } });
    });

    it('given an alerted story reclassified in a later window, then it does not alert again', () => {
      const state = initialAlertState();
      live(state, aStory({ storyId: 'a', title: TITLE, at: at(0) }), THROTTLED);
      expect(live(state, aStory({ storyId: 'a', title: TITLE, at: at(30) }), THROTTLED)).toEqual([]);
    });
  });

  describe('replay', () => {
    const stories = [
      aStory({ storyId: 'a', title: TITLE, at: at(0), classification: { score: 0.7 } }),
      aStory({ storyId: 'b', title: `${TITLE}!`, at: at(1) }),
      aStory({
        storyId: 'c',
        title: 'Japan adds chip tools to its export list',
        summary: 'METI lists 23 more types of equipment.',
        at: at(2),
        classification: {
          subtopics: ['allied-controls'],
          entities: { companies: ['Tokyo Electron'], products: [], agencies: ['METI'], jurisdictions: ['Japan', 'China'] },
        },
      }),
      aStory({ storyId: 'a', title: TITLE, at: at(3), classification: { score: 0.95 } }),
      aStory({ storyId: 'd', title: 'Unrelated', at: at(4), classification: { relevant: false, score: 0.1 } }),
    ];

    it('given the log replayed through evolve, when the same stories are decided again, then no new alerts are raised', () => {
      const log: AlertEvaluatorEvent[] = [];
      const original = initialAlertState();
      for (const s of stories) live(original, s, RULES, log);
      expect(log.filter((e) => e.type !== 'StoryClassified').map((e) => `${e.type} ${e.data.ruleId} ${e.data.storyId}`)).toEqual([
        'AlertRaised any-story a',
        'AlertClusterGrew any-story b',
        'AlertRaised restrictions b',
        'AlertRaised any-story c',
        'AlertClusterGrew restrictions a',
      ]);

      const rebuilt = initialAlertState();
      for (const event of log) evolve(rebuilt, event);

      for (const s of stories) expect(decide(rebuilt, RULES, s).events).toEqual([]);
      expect(snapshotAlertState(rebuilt)).toEqual(snapshotAlertState(original));
    });

    it('given alert events replayed before the stories they follow, then the ledger is the same (evolve is order-tolerant)', () => {
      const log: AlertEvaluatorEvent[] = [];
      for (const s of stories) live(initialAlertState(), s, RULES, log);
      const state = initialAlertState();
      const alerts = log.filter((e) => e.type !== 'StoryClassified');
      for (const event of [...alerts, ...log.filter((e) => e.type === 'StoryClassified')]) evolve(state, event);
      expect(decide(state, RULES, stories[1]).events).toEqual([]);
    });

    it('given a JSON snapshot, when restored, then decisions continue as if never interrupted', () => {
      const original = initialAlertState();
      for (const s of stories.slice(0, 3)) live(original, s);
      const restored = restoreAlertState(JSON.parse(JSON.stringify(snapshotAlertState(original))) as AlertStateSnapshot);

      const next = aStory({ storyId: 'e', title: `${TITLE} - Bloomberg`, at: at(5) });
      expect(decide(restored, RULES, next)).toEqual(decide(original, RULES, next));
      expect(summary(decide(restored, RULES, next).events)).toEqual(['AlertClusterGrew any-story e', 'AlertClusterGrew restrictions e']);
    });
  });
});
