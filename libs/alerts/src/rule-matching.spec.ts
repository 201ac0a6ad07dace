import { matchRule, matchRules } from './rule-matching';
import { aRule, aStory, rulesFrom } from './testing/alert-fixtures';

describe('rule matching', () => {
  describe('topic and relevance', () => {
    it('given a relevant on-topic story, when a topic-only rule is matched, then it matches and says why', () => {
      expect(matchRule(aRule(), aStory())).toEqual({
        ruleId: 'r',
        ruleHash: expect.stringMatching(/^[0-9a-f]{12}$/) as string,
        severity: 'high',
        score: 0.9,
        reasons: ['topic ai-chip-export-controls (relevant)'],
      });
    });

    it('given a story the classifier found not relevant, then no rule matches, whatever its score', () => {
      expect(matchRule(aRule(), aStory({ classification: { relevant: false, score: 0.95 } }))).toBeNull();
    });

    it('given a story classified under another topic, then the rule does not match', () => {
      expect(matchRule(aRule(), aStory({ classification: { topic: 'something-else' } }))).toBeNull();
    });
  });

  describe('minScore', () => {
    const rule = aRule('minScore: 0.8');
    it.each([
      [0.79, false],
      [0.8, true],
      [0.95, true],
    ])('given score %d, then match is %s', (score, matches) => {
      expect(matchRule(rule, aStory({ classification: { score } })) !== null).toBe(matches);
    });

    it('names the score and the threshold', () => {
      expect(matchRule(rule, aStory({ classification: { score: 0.8123 } }))!.reasons).toContain('score 0.812 ≥ 0.8');
    });
  });

  describe('subtopics', () => {
    const story = aStory({ classification: { subtopics: ['new-restriction', 'enforcement'] } });

    it('any: one of them is enough', () => {
      expect(matchRule(aRule('subtopics: { any: [licence-decision, enforcement] }'), story)!.reasons).toContain(
        'subtopic enforcement (any of licence-decision, enforcement)',
      );
      expect(matchRule(aRule('subtopics: { any: [licence-decision, countermeasure] }'), story)).toBeNull();
    });

    it('all: every one is needed', () => {
      expect(matchRule(aRule('subtopics: { all: [new-restriction, enforcement] }'), story)).not.toBeNull();
      expect(matchRule(aRule('subtopics: { all: [new-restriction, countermeasure] }'), story)).toBeNull();
    });

    it('none: any one of them excludes', () => {
      expect(matchRule(aRule('subtopics: { none: [market-reaction] }'), story)!.reasons).toContain('no subtopic of market-reaction');
      expect(matchRule(aRule('subtopics: { none: [market-reaction, enforcement] }'), story)).toBeNull();
    });

    it('empty lists are no condition', () => {
      expect(matchRule(aRule('subtopics: { any: [], all: [], none: [] }'), aStory({ classification: { subtopics: [] } }))).not.toBeNull();
    });
  });

  describe('entities', () => {
    // The union of all four lists counts: a company, a product, an agency and a jurisdiction.
    const story = aStory({
      classification: { entities: { companies: ['NVIDIA'], products: ['H20'], agencies: ['BIS'], jurisdictions: ['China'] } },
    });

    it('any: matches across every entity list, case-insensitively, and names the entity as reported', () => {
      expect(matchRule(aRule('entities: { any: [amd, h20] }'), story)!.reasons).toContain('entity H20 (any of amd, h20)');
      expect(matchRule(aRule('entities: { any: [bis] }'), story)).not.toBeNull();
      expect(matchRule(aRule('entities: { any: [CHINA] }'), story)).not.toBeNull();
      expect(matchRule(aRule('entities: { any: [AMD, Huawei] }'), story)).toBeNull();
    });

    it('all: every one is needed', () => {
      expect(matchRule(aRule('entities: { all: [Nvidia, China] }'), story)!.reasons).toContain('entities NVIDIA, China (all)');
      expect(matchRule(aRule('entities: { all: [NVIDIA, AMD] }'), story)).toBeNull();
    });

    it('none: any one of them excludes', () => {
      expect(matchRule(aRule('entities: { none: [AMD] }'), story)).not.toBeNull();
      expect(matchRule(aRule('entities: { none: [AMD, nvidia] }'), story)).toBeNull();
    });

    it('full-width names fold to the same entity', () => {
      expect(matchRule(aRule('entities: { any: [ＮＶＩＤＩＡ] }'), story)).not.toBeNull();
    });
  });

  describe('languages', () => {
    const rule = aRule('languages: [pt, zh]');
    it('matches the primary subtag, in any case', () => {
      expect(matchRule(rule, aStory({ language: 'pt-BR' }))!.reasons).toContain('language pt');
      expect(matchRule(rule, aStory({ language: 'ZH' }))).not.toBeNull();
      expect(matchRule(rule, aStory({ language: 'en' }))).toBeNull();
    });
  });

  describe('feeds', () => {
    it('matches the feed that saw the story first', () => {
      expect(matchRule(aRule('feeds: [wccftech, heise]'), aStory())!.reasons).toContain('feed wccftech');
      expect(matchRule(aRule('feeds: [heise]'), aStory())).toBeNull();
    });
  });

  describe('keywords', () => {
    const story = aStory({
      title: 'Exportações de chips: EUA endurecem regras',
      summary: 'Segundo RUMORES, a Nvidia… e o “H20” — 出口管制 vão apertar.',
    });

    it('any: a substring of title or summary, ignoring case, accents, punctuation and width', () => {
      expect(matchRule(aRule('keywords: { any: [exportacoes] }'), story)!.reasons).toContain(
        'keyword "exportacoes" (any of "exportacoes")',
      );
      expect(matchRule(aRule('keywords: { any: [rumor] }'), story)).not.toBeNull();
      expect(matchRule(aRule('keywords: { any: ["nvidia e o h20"] }'), story)).not.toBeNull();
      expect(matchRule(aRule('keywords: { any: [ＥＵＡ] }'), story)).not.toBeNull();
      expect(matchRule(aRule('keywords: { any: [出口管制] }'), story)).not.toBeNull();
      expect(matchRule(aRule('keywords: { any: [tariff, sanction] }'), story)).toBeNull();
    });

    it('none: any one present excludes', () => {
      expect(matchRule(aRule('keywords: { none: [opinion] }'), story)!.reasons).toContain('no keyword of "opinion"');
      expect(matchRule(aRule('keywords: { none: [opinion, "Rumores"] }'), story)).toBeNull();
    });

    it('never spans the end of the title and the start of the summary', () => {
      expect(matchRule(aRule('keywords: { any: ["regras segundo"] }'), story)).toBeNull();
    });
  });

  describe('enabled', () => {
    it('a disabled rule never matches', () => {
      expect(matchRule(aRule('', 'enabled: false'), aStory())).toBeNull();
    });
  });

  describe('every condition at once', () => {
    it('matches when all hold and lists one reason per condition', () => {
      const rule = aRule(
        'minScore: 0.8, subtopics: { any: [new-restriction] }, entities: { any: [NVIDIA], none: [AMD] }, languages: [en], feeds: [wccftech], keywords: { any: [h20], none: [rumor] }',
      );
      expect(matchRule(rule, aStory())!.reasons).toEqual([
        'topic ai-chip-export-controls (relevant)',
        'score 0.9 ≥ 0.8',
        'language en',
        'feed wccftech',
        'subtopic new-restriction (any of new-restriction)',
        'entity NVIDIA (any of NVIDIA)',
        'no entity of AMD',
        'keyword "h20" (any of "h20")',
        'no keyword of "rumor"',
      ]);
    });

    it('fails when any one fails', () => {
      const rule = aRule('minScore: 0.8, entities: { any: [NVIDIA] }, keywords: { none: [licences] }');
      expect(matchRule(rule, aStory())).toBeNull();
    });
  });

  describe('matchRules', () => {
    it('returns every enabled matching rule in file order', () => {
      const ruleSet = rulesFrom(`  - { id: low-bar, when: { topic: ai-chip-export-controls, minScore: 0.5 }, severity: low }
  - { id: off, when: { topic: ai-chip-export-controls }, severity: low, enabled: false }
  - { id: amd-only, when: { topic: ai-chip-export-controls, entities: { any: [AMD] } }, severity: high }
  - { id: restrictions, when: { topic: ai-chip-export-controls, subtopics: { any: [new-restriction] } }, severity: high }
`);
      expect(matchRules(ruleSet, aStory()).map((m) => m.ruleId)).toEqual(['low-bar', 'restrictions']);
    });
  });
});
