import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadShippedYamlConfig } from '@chipwatch/config';
import { ClassifierConfig, classifierConfigSchema } from './classifier.schema';
import { CLASSIFIER_CODE_VERSION } from './classifier.version';
import { createClassifier } from './story.classifier';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'classifier');
const shipped = loadShippedYamlConfig('classifier.yaml', classifierConfigSchema);
const classifier = createClassifier(shipped);
const classify = (title: string, summary?: string, language?: string) => classifier.classify({ title, summary, language });

function seedStory() {
  const text = readFileSync(join(FIXTURES, 'seed-article-pt.txt'), 'utf8');
  const newline = text.indexOf('\n');
  return { title: text.slice(0, newline).trim(), summary: text.slice(newline + 1) };
}

describe('classify: the seed story (Portuguese, DeepSeek R2 delayed by US export controls)', () => {
  const result = classifier.classify(seedStory());

  it('is relevant, with a confident score', () => {
    expect(result.relevant).toBe(true);
    expect(result.score).toBeGreaterThan(0.95);
    expect(result.topic).toBe('ai-chip-export-controls');
    expect(result.language).toBe('pt');
  });

  it('names the subtopics and entities a reader would', () => {
    expect(result.subtopics).toContain('company-impact');
    expect(result.entities.companies).toEqual(expect.arrayContaining(['DeepSeek', 'NVIDIA', 'Huawei']));
    expect(result.entities.products).toContain('H20');
    expect(result.entities.jurisdictions).toEqual(expect.arrayContaining(['China', 'United States']));
  });

  it('quotes its evidence in the original words, title first', () => {
    expect(result.evidence[0]).toEqual({
      text: 'controles de exportação',
      field: 'title',
      concept: 'export-control',
      weight: expect.any(Number) as number,
    });
    expect(result.evidence.length).toBeLessThanOrEqual(shipped.maxEvidence);
    const weights = result.evidence.map((e) => Math.abs(e.weight));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });
});

describe('classify: one word never decides', () => {
  it.each([
    ['export', ''],
    ['NVIDIA', ''],
    ['Nvidia', 'Nvidia Nvidia NVIDIA nvidia'],
    ['Exports', 'Exports rose. Exports fell. Export volumes.'],
    ['英伟达', ''],
    ['出口', ''],
    ['エヌビディア', ''],
    ['수출', ''],
    ['Exportação', ''],
    ['China', ''],
    ['H20', ''],
  ])('%s', (title, summary) => {
    const result = classify(title, summary);
    expect(result.relevant).toBe(false);
    expect(result.score).toBeLessThan(0.1);
    expect(result.subtopics).toEqual([]);
  });
});

describe('classify: stories that never say "export controls"', () => {
  it.each([
    ['Nvidia halts H20 production after Beijing tells firms to avoid it', 'countermeasure'],
    ['Singapore charges three in Nvidia server fraud case', 'enforcement'],
    ["ASML can't ship DUV tools to China", undefined],
    ['Commerce adds 140 Chinese firms to Entity List', 'new-restriction'],
    ['AMD gets licence to sell MI308 chips in China again', 'licence-decision'],
    ['China bars Micron chips from critical infrastructure in retaliation', 'countermeasure'],
    ['Beijing restricts gallium and germanium exports', 'countermeasure'],
    ['Huawei Ascend fills the gap as US curbs cut Nvidia out of China', 'company-impact'],
  ])('%s', (title, subtopic) => {
    const result = classify(title);
    expect(result.relevant).toBe(true);
    if (subtopic) expect(result.subtopics).toContain(subtopic);
  });
});

describe('classify: look-alike stories are rejected', () => {
  it.each([
    [
      'Nvidia earnings beat estimates as data-centre revenue soars',
      'Revenue rose 62% on demand for Blackwell systems from cloud providers.',
    ],
    ['How to export a CSV file from Excel', 'Choose File, Save As and pick the CSV format.'],
    ['US raises tariffs on Chinese EVs to 100%', 'The duties also cover batteries and legacy chips imported from China.'],
    ['Russia bans gasoline exports', 'The ban aims to stabilise domestic fuel prices.'],
    ['Chip shortage hits carmakers', 'Ford and GM idled plants for lack of semiconductors.'],
    ['Intel finalises CHIPS Act grant for Ohio fabs', 'The Commerce Department awarded subsidies for two new chip plants.'],
    ['DeepSeek releases a new reasoning model', 'The Hangzhou startup said the model beats rivals on maths benchmarks.'],
    ['Supreme Court upholds TikTok ban', 'ByteDance must sell the app or shut it down in the US.'],
    ['Trump threatens 100% tariff on imported chips', 'Companies building fabs in the US would be exempt.'],
  ])('%s', (title, summary) => {
    expect(classify(title, summary).relevant).toBe(false);
  });
});

describe('classify: normalisation', () => {
  it('handles full-width text like ASCII', () => {
    const plain = classify('US tightens export controls on Nvidia H20 chips to China');
    const wide = classify('ＵＳ ｔｉｇｈｔｅｎｓ ｅｘｐｏｒｔ ｃｏｎｔｒｏｌｓ ｏｎ Ｎｖｉｄｉａ Ｈ２０ ｃｈｉｐｓ ｔｏ Ｃｈｉｎａ');
    expect(wide.relevant).toBe(true);
    expect(wide.score).toBe(plain.score);
    expect(wide.entities).toEqual(plain.entities);
  });

  it('ignores diacritics and case', () => {
    const a = classify('Controles de exportação de chips para a China', undefined, 'pt');
    const b = classify('CONTROLES DE EXPORTACAO DE CHIPS PARA A CHINA', undefined, 'pt');
    expect(a.relevant).toBe(true);
    expect(b.score).toBe(a.score);
  });

  it('matches inflections through stems', () => {
    for (const title of [
      'US restricts AI chip exports to China',
      'US restriction on AI chip exports to China',
      'AI chip exports to China restricted by US',
      'Neue Exportkontrolle für KI-Chips nach China',
      'Neue Exportkontrollen für KI-Chips nach China',
      'Restrições às exportações de chips de IA para a China',
    ]) {
      expect(classify(title).relevant).toBe(true);
    }
  });

  it('reads simplified and traditional Chinese alike', () => {
    const simplified = classify('美国收紧对华芯片出口管制 英伟达H20受限');
    const traditional = classify('美國收緊對華晶片出口管制 輝達H20受限');
    expect(simplified.relevant).toBe(true);
    expect(traditional.relevant).toBe(true);
    expect(traditional.entities.companies).toEqual(['NVIDIA']);
  });
});

describe('classify: language', () => {
  it('keeps the primary subtag of a given language', () => {
    expect(classify('Nvidia', undefined, 'pt-BR').language).toBe('pt');
    expect(classify('Nvidia', undefined, 'zh-Hant').language).toBe('zh');
  });

  it.each([
    ['en', 'The US said it would tighten the rules on chips for China.'],
    ['pt', 'O governo dos EUA disse que vai endurecer as regras para chips.'],
    ['es', 'El gobierno de EE. UU. dijo que endurecerá las reglas para los chips.'],
    ['fr', 'Le gouvernement américain a annoncé des règles plus strictes pour les puces.'],
    ['de', 'Die US-Regierung will die Regeln für Chips nach China verschärfen.'],
    ['zh', '美国政府表示将收紧对华芯片出口规则。'],
    ['ja', '米政府は対中半導体の輸出規制を強化すると発表した。'],
    ['ko', '미국 정부는 중국에 대한 반도체 수출 규제를 강화한다고 밝혔다.'],
  ])('detects %s', (lang, text) => {
    expect(classify(text).language).toBe(lang);
  });

  it('says "und" when it cannot tell', () => {
    expect(classify('H20').language).toBe('und');
  });
});

describe('classify: determinism and versioning', () => {
  const story = seedStory();

  it('returns the same result for the same story, whatever was classified before', () => {
    const first = classifier.classify(story);
    classify('美国商务部将140家中国企业列入实体清单');
    classify('x'.repeat(5000), 'Exportkontrollen '.repeat(400));
    expect(classifier.classify(story)).toEqual(first);
    expect(createClassifier(shipped).classify(story)).toEqual(first);
  });

  it('stamps every result with the classifier version', () => {
    expect(classify('anything').classifierVersion).toBe(classifier.version);
    expect(classifier.version.startsWith(`${CLASSIFIER_CODE_VERSION}+`)).toBe(true);
  });

  it('changes the version when the config changes, and only then', () => {
    const tuned: ClassifierConfig = { ...shipped, threshold: 0.6 };
    expect(createClassifier(tuned).version).not.toBe(classifier.version);
    const extraTerm = structuredClone(shipped);
    extraTerm.concepts.export.terms.en.push('outbound sale*');
    expect(createClassifier(extraTerm).version).not.toBe(classifier.version);
    // same settings, keys in another order
    const reordered = Object.fromEntries(Object.entries(shipped).reverse()) as ClassifierConfig;
    expect(createClassifier(reordered).version).toBe(classifier.version);
  });

  it('applies the threshold from config', () => {
    const strict = createClassifier({ ...shipped, threshold: 1 });
    const result = strict.classify({ title: 'Commerce adds 140 Chinese firms to Entity List' });
    expect(result.relevant).toBe(false);
    expect(result.subtopics).toEqual([]);
  });

  it('refuses an invalid config', () => {
    expect(() => createClassifier({ ...shipped, threshold: 2 })).toThrow();
  });
});
