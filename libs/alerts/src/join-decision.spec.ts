import { signatureOf, type EventSignature } from './event-signature';
import { decideJoin, rarityWeight, type Rarity } from './join-decision';
import { aStory } from './testing/alert-fixtures';
import { devStory } from './testing/dev-stories';

const HOUR = 3_600_000;
/** A quiet window: every fact, name and word is rare in it. */
const QUIET: Rarity = { population: 10, factFrequency: () => 1, nameFrequency: () => 1, wordFrequency: () => 1 };

const signed = (id: string): EventSignature => signatureOf(devStory(id))!;
const gap = (a: string, b: string) => Math.abs(Date.parse(devStory(a).at) - Date.parse(devStory(b).at));
const decide = (a: string, b: string, hoursApart?: number) =>
  decideJoin(signed(a), signed(b), hoursApart === undefined ? gap(a, b) : hoursApart * HOUR, QUIET, true);

describe('join decision: the same event across languages', () => {
  it('given the US foreign-direct-product rule on Huawei in English and in Japanese, then they join', () => {
    // CD-0001 (en) and CD-0004 (ja): Huawei, TSMC, the Commerce Department, a 120-day grace period.
    const decision = decide('CD-0001', 'CD-0004');
    expect(decision.join).toBe(true);
    expect(decision.reasons).toEqual(expect.arrayContaining(['shared company:huawei +1', 'shared company:tsmc +1', 'shared n:120 +1.5']));
  });

  it('given China’s rare-earth rule in Chinese and in German, then the 0.1 % threshold and the action join them', () => {
    expect(decide('CD-0056', 'CD-0059')).toMatchObject({ join: true });
  });

  it('given the Singapore fraud charges in Chinese and Spanish, then the counts written as 三名 and tres count alike', () => {
    const decision = decide('CD-0045', 'CD-0047');
    expect(decision.join).toBe(true);
    expect(decision.reasons).toEqual(expect.arrayContaining(['shared n:3 +0.4', 'shared place:singapore +1']));
  });
});

describe('join decision: confusable events stay apart', () => {
  it('given the Huawei rule and China’s threat of an unreliable entity list the same afternoon, then only Huawei is shared and they stay apart', () => {
    for (const [a, b] of [['CD-0001', 'CD-0002'], ['CD-0005', 'CD-0003'], ['CD-0004', 'CD-0002']]) {
      expect(decide(a, b)).toMatchObject({ join: false });
    }
  });

  it('given the October 2023 rule update and Nvidia’s filing days later that the curbs took effect at once, then they stay apart', () => {
    // They share Nvidia, the A800 and H800 and the 30 days; but the filing reports a day after the
    // rule story was published, whatever the time between them.
    const decision = decide('CD-0036', 'CD-0039', 0);
    expect(decision.join).toBe(false);
    expect(decision.reasons).toContain('2023-10-24 happened after the other story was published');
    for (const rule of ['CD-0033', 'CD-0034', 'CD-0035', 'CD-0036']) {
      for (const filing of ['CD-0037', 'CD-0038', 'CD-0039']) expect(decide(rule, filing).join).toBe(false);
    }
  });

  it('given China’s antitrust probe into Nvidia (December 2024) and its preliminary finding (September 2025), then they stay apart', () => {
    // The Chinese finding's 15日 is a day long after the probe's stories: apart even at no distance in time.
    expect(decide('CD-0040', 'CD-0052', 0)).toMatchObject({ join: false });
    for (const probe of ['CD-0040', 'CD-0041', 'CD-0042', 'CD-0043']) {
      for (const finding of ['CD-0052', 'CD-0053', 'CD-0054']) expect(decide(probe, finding).join).toBe(false);
    }
  });
});

describe('join decision: a different action or amount is a different event', () => {
  const story = (storyId: string, title: string, subtopics: string[], numbers: { value: number; unit: string }[] = []) =>
    signatureOf(
      aStory({
        storyId,
        title,
        summary: '',
        classification: {
          subtopics,
          entities: { companies: ['NVIDIA'], products: ['H20'], agencies: [], jurisdictions: ['United States', 'China'] },
          numbers,
        },
      }),
    )!;
  const rule = story('rule', 'US requires licences for Nvidia H20 exports to China', ['licence-decision', 'new-restriction']);

  it('given a company’s earnings hit from the rule, then the amount it states keeps it apart from the rule', () => {
    const hit = story('hit', 'Nvidia to take $5.5 billion charge on H20', ['company-impact', 'licence-decision'], [{ value: 5.5e9, unit: 'USD' }]);
    const decision = decideJoin(rule, hit, 2 * HOUR, QUIET, true);
    expect(decision.join).toBe(false);
    expect(decision.reasons).toContain('an amount on one side only -1.5');
  });

  it('given the same earnings hit in another language, then the shared amount joins it', () => {
    const hit = story('hit', 'Nvidia to take $5.5 billion charge on H20', ['company-impact', 'licence-decision'], [{ value: 5.5e9, unit: 'USD' }]);
    const zh = story('hit-zh', '英伟达将因H20计提55亿美元', ['company-impact'], [{ value: 5.5e9, unit: 'USD' }]);
    expect(decideJoin(hit, { ...zh, language: 'zh' }, 3 * HOUR, QUIET).join).toBe(true);
  });

  it('given China’s response to the rule, with no action in common, then it stays apart', () => {
    const response = story('response', 'China firmly opposes US curbs on Nvidia H20', ['countermeasure']);
    const decision = decideJoin(rule, response, 20 * HOUR, QUIET, true);
    expect(decision.join).toBe(false);
    expect(decision.reasons).toContain('no action in common -1.5');
  });
});

describe('join decision: rarity', () => {
  it('given a busy window in which a third of the stories name the fact, then it weighs little and is not enough to join on', () => {
    expect(rarityWeight(1, 5)).toBe(1);
    expect(rarityWeight(10, 100)).toBe(1);
    expect(rarityWeight(3000, 10_000)).toBeLessThan(0.5);
    const busy: Rarity = { population: 10_000, factFrequency: () => 3000, nameFrequency: () => 3000, wordFrequency: () => 3000 };
    expect(decideJoin(signed('CD-0001'), signed('CD-0004'), 0, busy)).toMatchObject({ join: false });
  });
});
