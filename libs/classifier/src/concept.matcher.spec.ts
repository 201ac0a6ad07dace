import { classifierConfigSchema, type ClassifierConfigInput } from './classifier.schema';
import { ConceptMatcher, StoryMentions, TITLE } from './concept.matcher';
import { compileLexicon } from './lexicon.compiler';
import { MatchList } from './term.matcher';
import { NormalisedText, normaliseInto } from './text.normaliser';

const lexiconFrom = (overrides: Partial<ClassifierConfigInput> = {}) =>
  compileLexicon(
    classifierConfigSchema.parse({
      bias: -3,
      fieldWeights: { title: 1, summary: 0.7 },
      repeatBoost: { perMention: 0.1, max: 0.3 },
      window: { latin: 10, cjk: 4 },
      ignore: ['e commerce'],
      language: { stopwords: {}, minScore: 1 },
      concepts: {
        export: { terms: { en: ['export*'], zh: ['出口'] } },
        restriction: { terms: { en: ['ban', 'bans'], zh: ['管制'] } },
        chip: { terms: { en: ['chip', 'chip*'] } },
        commerce: { terms: { en: ['commerce'] } },
        agency: {},
      },
      derived: { 'export-control': { near: ['export', 'restriction'] } },
      signals: [{ id: 'control', all: ['export-control'], weight: 4 }],
      entities: {
        agencies: {
          'Commerce Department': { concepts: ['agency'], terms: ['commerce department'] },
          Commerce: { concepts: ['agency'], terms: ['commerce'] },
        },
      },
      ...overrides,
    }),
  );

/** Concepts and entities the title mentions, by name, with their mention counts. */
function mentionsOf(title: string, lexicon = lexiconFrom()) {
  const text = new NormalisedText();
  const matches = new MatchList();
  const mentions = new StoryMentions(lexicon.conceptNames.length, lexicon.entityNames.length);
  mentions.reset();
  normaliseInto(title, text);
  lexicon.terms.scan(text, matches);
  new ConceptMatcher(lexicon).matchField(TITLE, text, matches, mentions);
  const concepts = Object.fromEntries(
    lexicon.conceptNames.map((name, c): [string, number] => [name, mentions.count[c]]).filter(([, n]) => n),
  );
  const entities = lexicon.entityNames.filter((_, e) => mentions.entityFirstMention[e] >= 0);
  return { concepts, entities };
}

describe('ConceptMatcher', () => {
  it('given a term inside an ignore phrase, when matched, then it mentions nothing', () => {
    expect(mentionsOf('E-commerce sales soar').concepts).toEqual({});
  });

  it('given an entity inside a longer entity, when matched, then only the longer one is named', () => {
    expect(mentionsOf('The Commerce Department acts').entities).toEqual(['Commerce Department']);
    expect(mentionsOf('Commerce acts').entities).toEqual(['Commerce']);
  });

  it("given an entity mention, when matched, then it counts for the entity's concepts", () => {
    expect(mentionsOf('Commerce acts').concepts).toEqual({ commerce: 1, agency: 1 });
  });

  it('given two terms of one concept on the same word, when matched, then that is one mention', () => {
    expect(mentionsOf('chip').concepts).toEqual({ chip: 1 });
    expect(mentionsOf('chip chips').concepts).toEqual({ chip: 2 });
  });

  it('given both sides of a derived concept within its window, when matched, then it is mentioned', () => {
    expect(mentionsOf('export ban').concepts).toEqual({ export: 1, restriction: 1, 'export-control': 1 });
    expect(mentionsOf('ban on export').concepts['export-control']).toBe(1);
    expect(mentionsOf('芯片出口管制').concepts['export-control']).toBe(1);
  });

  it('given the two sides further apart than the window, when matched, then the derived concept is absent', () => {
    expect(mentionsOf('export of many goods and services ban').concepts['export-control']).toBeUndefined();
    expect(mentionsOf('出口一些半导体管制').concepts['export-control']).toBeUndefined();
  });

  it('given a derived concept with its own window, when matched, then that window applies', () => {
    const wide = lexiconFrom({ derived: { 'export-control': { near: ['export', 'restriction'], window: { latin: 40, cjk: 4 } } } });
    expect(mentionsOf('export of many goods and services ban', wide).concepts['export-control']).toBe(1);
  });
});
