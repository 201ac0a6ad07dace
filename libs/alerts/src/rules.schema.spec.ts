import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigFileError, loadShippedYamlConfig, type ConfigIssue } from '@chipwatch/config';
import { classifierConfigSchema, ENTITY_TYPES } from '@chipwatch/classifier';
import { parse } from 'yaml';
import { parseRules, parseThrottle, ruleHash } from './rules.schema';

const CONFIG_DIR = join(__dirname, '..', '..', '..', 'config');

/** The example from the issue, verbatim: the interface the lead documents. */
const EXAMPLE = `rules:
  - id: export-controls-any          # [a-z0-9-]+, unique
    description: Any story on AI-chip export controls
    when:
      topic: ai-chip-export-controls
      minScore: 0.6
    severity: medium                 # info | low | medium | high | critical
  - id: new-us-restrictions
    when:
      topic: ai-chip-export-controls
      minScore: 0.8
      subtopics: { any: [new-restriction, enforcement] }
      entities: { any: [NVIDIA, AMD, Huawei, DeepSeek], none: [] }
      languages: [en, pt, zh]        # optional
      feeds: [wccftech]              # optional
      keywords: { any: [], none: [rumor] }   # optional, on title + summary
    severity: high
    throttle: 6h                     # optional: one alert per rule per story cluster per window
    enabled: true
`;

function issuesOf(text: string, options?: Parameters<typeof parseRules>[2]): ConfigIssue[] {
  try {
    parseRules(text, 'rules.yaml', options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as ConfigFileError).code).toBe('invalid-config');
    return [...(error as ConfigFileError).issues];
  }
  throw new Error('expected a ConfigFileError');
}

const rule = (when: string, extra = '') =>
  `rules:\n  - id: r\n    when:\n      topic: ai-chip-export-controls\n${when}    severity: low\n${extra}`;

describe('rules file', () => {
  it('given the shipped config/rules.yaml, when parsed against the classifier and feeds configs, then it is valid', () => {
    const text = readFileSync(join(CONFIG_DIR, 'rules.yaml'), 'utf8');
    const feeds = (parse(readFileSync(join(CONFIG_DIR, 'feeds.yaml'), 'utf8')) as { feeds: { id: string }[] }).feeds.map((f) => f.id);
    const classifierConfig = loadShippedYamlConfig('classifier.yaml', classifierConfigSchema);
    const entities = ENTITY_TYPES.flatMap((type) => Object.keys(classifierConfig.entities[type]));

    const ruleSet = parseRules(text, 'config/rules.yaml', { knownEntities: entities, knownFeeds: feeds });

    expect(ruleSet.ruleIds).toEqual(['export-controls-any', 'new-restrictions', 'licence-decisions', 'countermeasures', 'allied-controls']);
    expect(ruleSet.rules.every((r) => r.enabled)).toBe(true);
    expect(ruleSet.hash).toMatch(/^[0-9a-f]{12}$/);
  });

  it('given the example from the issue, when parsed, then defaults are applied and the throttle is in milliseconds', () => {
    const { rules } = parseRules(EXAMPLE, 'rules.yaml');

    expect(rules[0]).toEqual({
      id: 'export-controls-any',
      description: 'Any story on AI-chip export controls',
      when: {
        topic: 'ai-chip-export-controls',
        minScore: 0.6,
        subtopics: { any: [], all: [], none: [] },
        entities: { any: [], all: [], none: [] },
        languages: null,
        feeds: null,
        keywords: { any: [], none: [] },
      },
      severity: 'medium',
      throttle: null,
      throttleMs: null,
      enabled: true,
    });
    expect(rules[1]).toMatchObject({
      id: 'new-us-restrictions',
      description: null,
      when: {
        subtopics: { any: ['new-restriction', 'enforcement'], all: [], none: [] },
        entities: { any: ['NVIDIA', 'AMD', 'Huawei', 'DeepSeek'], all: [], none: [] },
        languages: ['en', 'pt', 'zh'],
        feeds: ['wccftech'],
        keywords: { any: [], none: ['rumor'] },
      },
      severity: 'high',
      throttle: '6h',
      throttleMs: 6 * 3_600_000,
    });
  });

  it('given misspelt keys at every level, when parsed, then each is an error at its line and column', () => {
    const text = `rules:
  - id: a
    when:
      topic: ai-chip-export-controls
      subtopic: { any: [new-restriction] }
      entities: { any: [NVIDIA], non: [AMD] }
    severity: low
    enabeld: false
`;
    expect(issuesOf(text)).toEqual([
      { file: 'rules.yaml', line: 6, column: 34, key: 'rules.0.when.entities.non', message: 'unknown key "non"' },
      { file: 'rules.yaml', line: 5, column: 7, key: 'rules.0.when.subtopic', message: 'unknown key "subtopic"' },
      { file: 'rules.yaml', line: 8, column: 5, key: 'rules.0.enabeld', message: 'unknown key "enabeld"' },
    ]);
    expect(issuesOf('rule:\n  - id: a\n')).toEqual([
      expect.objectContaining({ line: 1, column: 1, key: 'rules' }),
      expect.objectContaining({ line: 1, column: 1, key: 'rule', message: 'unknown key "rule"' }),
    ]);
  });

  it('given bad values, when parsed, then each message says what is expected, at the value', () => {
    const text = `rules:
  - id: Bad_Id
    when:
      topic: ai-chip-export-controls
      minScore: 1.5
      subtopics: { any: [new-restrictions] }
      languages: []
      feeds: [Wccftech]
    severity: urgent
    throttle: 30s
  - id: b
    when: { topic: chips, keywords: { any: ["--"] } }
    severity: low
    throttle: 31d
    enabled: "no"
`;
    const issues = issuesOf(text).map(({ line, column, key, message }) => ({ at: `${line}:${column}`, key, message }));
    expect(issues).toEqual([
      { at: '2:9', key: 'rules.0.id', message: 'rule ids are [a-z0-9-]+ (they are persisted in alert ids: never rename one)' },
      { at: '5:17', key: 'rules.0.when.minScore', message: 'Too big: expected number to be <=1' },
      {
        at: '6:26',
        key: 'rules.0.when.subtopics.any.0',
        message:
          'unknown subtopic "new-restrictions" (expected one of: new-restriction, licence-decision, enforcement, allied-controls, countermeasure, company-impact, market-reaction, policy-debate)',
      },
      { at: '7:18', key: 'rules.0.when.languages', message: 'list at least one language, or leave the key out to match every language' },
      { at: '8:15', key: 'rules.0.when.feeds.0', message: 'feed ids are [a-z0-9-]+' },
      { at: '9:15', key: 'rules.0.severity', message: 'unknown severity "urgent" (expected one of: info, low, medium, high, critical)' },
      { at: '10:15', key: 'rules.0.throttle', message: 'throttle "30s" is shorter than 1m' },
      { at: '12:20', key: 'rules.1.when.topic', message: 'unknown topic "chips" (the classifier reports "ai-chip-export-controls")' },
      { at: '12:45', key: 'rules.1.when.keywords.any.0', message: 'a keyword needs at least one letter or digit' },
      { at: '14:15', key: 'rules.1.throttle', message: 'throttle "31d" is longer than 30d' },
      { at: '15:14', key: 'rules.1.enabled', message: 'Invalid input: expected boolean, received string' },
    ]);
  });

  it('given a rule without topic or severity, when parsed, then the missing keys are named at their parent', () => {
    const issues = issuesOf('rules:\n  - id: a\n    when: { minScore: 0.5 }\n');
    expect(issues.map((i) => `${i.line}:${i.column} ${i.key}`)).toEqual(['3:11 rules.0.when.topic', '2:5 rules.0.severity']);
  });

  it('given a duplicate rule id, when parsed, then the second one is reported with the index of the first', () => {
    const text = `rules:
  - { id: a, when: { topic: ai-chip-export-controls }, severity: low }
  - { id: b, when: { topic: ai-chip-export-controls }, severity: low }
  - { id: a, when: { topic: ai-chip-export-controls }, severity: high }
`;
    expect(issuesOf(text)).toEqual([
      { file: 'rules.yaml', line: 4, column: 11, key: 'rules.2.id', message: 'duplicate rule id "a" (first used by rules.0)' },
    ]);
  });

  it('given YAML that does not parse, when parsed, then the syntax error is located', () => {
    expect(issuesOf('rules:\n  - id: a\n    when: { topic: [\n')[0]).toMatchObject({ file: 'rules.yaml', line: 4, column: 1, key: '' });
  });

  it('given known entities and feeds, when a rule names others, then they are errors (any case is fine)', () => {
    const text = rule('      entities: { any: [nvidia, Nvdia], none: [HUAWEI] }\n      feeds: [wccftech, nope]\n');
    const issues = issuesOf(text, { knownEntities: ['NVIDIA', 'Huawei'], knownFeeds: ['wccftech'] });
    expect(issues.map((i) => [i.key, i.message])).toEqual([
      ['rules.0.when.entities.any.1', `unknown entity "Nvdia" (not among the classifier's entities)`],
      ['rules.0.when.feeds.1', 'unknown feed "nope"'],
    ]);
    expect(() => parseRules(text, 'rules.yaml')).not.toThrow();
  });

  it('given an empty rule list, when parsed, then nothing alerts and that is valid', () => {
    expect(parseRules('rules: []\n', 'rules.yaml').rules).toEqual([]);
  });
});

describe('throttle durations', () => {
  it.each([
    ['1m', 60_000],
    ['90m', 5_400_000],
    ['6h', 21_600_000],
    ['1h30m', 5_400_000],
    ['1d12h', 129_600_000],
    ['30d', 2_592_000_000],
  ])('given %s, then it is %i ms', (text, ms) => {
    expect(parseThrottle(text)).toEqual({ ms });
  });

  it.each(['', '6', 'h', '6 hours', '-1h', '59s', '31d', '1h 30m'])('given %j, then it is an error', (text) => {
    expect(parseThrottle(text)).toHaveProperty('error');
  });
});

describe('rule hashes', () => {
  const base = parseRules(EXAMPLE, 'rules.yaml');

  it('given the same rules written differently (order, case, description, comments), then the hashes are equal', () => {
    const rewritten = parseRules(
      `rules:
  - id: new-us-restrictions
    when:
      topic: ai-chip-export-controls
      minScore: 0.80
      subtopics: { any: [enforcement, new-restriction, enforcement] }
      entities: { any: [deepseek, HUAWEI, amd, Nvidia] }
      languages: [zh, en, pt]
      feeds: [wccftech]
      keywords: { none: [RUMOR] }
    severity: high
    throttle: 360m
    description: reworded
  - id: export-controls-any
    when: { topic: ai-chip-export-controls, minScore: 0.6 }
    severity: medium
`,
      'rules.yaml',
    );
    expect(rewritten.hash).toBe(base.hash);
    expect(ruleHash(rewritten.rules[0])).toBe(ruleHash(base.rules[1]));
  });

  it('given a changed condition, severity or enabled flag, then the rule hash and the set hash change', () => {
    const changes = [
      EXAMPLE.replace('minScore: 0.8', 'minScore: 0.85'),
      EXAMPLE.replace('severity: high', 'severity: critical'),
      EXAMPLE.replace('enabled: true', 'enabled: false'),
      EXAMPLE.replace('throttle: 6h', 'throttle: 12h'),
      EXAMPLE.replace('none: [rumor]', 'none: [rumors]'),
    ];
    for (const text of changes) {
      const changed = parseRules(text, 'rules.yaml');
      expect(changed.hash).not.toBe(base.hash);
      expect(ruleHash(changed.rules[1])).not.toBe(ruleHash(base.rules[1]));
      expect(ruleHash(changed.rules[0])).toBe(ruleHash(base.rules[0]));
    }
  });
});
