import type { ClassifiedStory } from '../alert-evaluation';
import { parseRules, type Rule, type RuleSet } from '../rules.schema';

/** Builders for specs: a relevant English story about NVIDIA, and rules from YAML snippets. */

export type StoryOverrides = Partial<Omit<ClassifiedStory, 'classification'>> & {
  classification?: Partial<ClassifiedStory['classification']>;
};

export function aStory(overrides: StoryOverrides = {}): ClassifiedStory {
  const { classification, ...rest } = overrides;
  const storyId = overrides.storyId ?? 's1';
  return {
    storyId,
    feedId: 'wccftech',
    url: `https://example.com/${storyId}`,
    title: 'US tightens export controls on NVIDIA H20 chips to China',
    summary: 'The Commerce Department said on Tuesday it will require licences for H20 shipments.',
    language: 'en',
    at: '2025-04-15T10:00:00.000Z',
    ...rest,
    classification: {
      relevant: true,
      score: 0.9,
      topic: 'ai-chip-export-controls',
      subtopics: ['new-restriction', 'licence-decision'],
      entities: { companies: ['NVIDIA'], products: ['H20'], agencies: ['Commerce Department'], jurisdictions: ['United States', 'China'] },
      evidence: [{ text: 'export controls', field: 'title', concept: 'export-control', weight: 2.4 }],
      ...classification,
    },
  };
}

/** A RuleSet from the `rules:` list items, written as YAML. */
export function rulesFrom(items: string): RuleSet {
  return parseRules(`rules:\n${items}`, 'spec-rules.yaml');
}

/** One rule with `when` conditions (YAML flow mapping body) besides the topic. */
export function aRule(when = '', extra = ''): Rule {
  const conditions = when ? `topic: ai-chip-export-controls, ${when}` : 'topic: ai-chip-export-controls';
  return rulesFrom(`  - { id: r, when: { ${conditions} }, severity: high${extra ? `, ${extra}` : ''} }\n`).rules[0];
}
