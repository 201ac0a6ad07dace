import { SUBTOPICS, TOPIC } from '@chipwatch/classifier';
import type { BacktestStory } from '../backtest';
import { parseRules, type RuleSet } from '../rules.schema';

/**
 * Deterministic synthetic data for the benchmarks (`rules.evaluate`, `rules.backtest100k`) and
 * for smoke checks: classified stories shaped like the real stream (about a third relevant,
 * reclassifications, the same headline syndicated across feeds, CJK titles) and rules shaped
 * like real ones. The same seed always gives the same data.
 */

/** mulberry32: tiny, fast and good enough to shuffle test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPANIES = ['NVIDIA', 'AMD', 'Intel', 'Huawei', 'SMIC', 'TSMC', 'DeepSeek', 'ASML', 'Samsung', 'SK Hynix', 'Micron', 'Cambricon'];
const PRODUCTS = ['H20', 'H100', 'B200', 'MI308', 'Ascend 910', 'HBM', 'EUV', 'Blackwell'];
const AGENCIES = ['BIS', 'Commerce Department', 'MOFCOM', 'Justice Department', 'METI', 'SAMR'];
const JURISDICTIONS = ['China', 'United States', 'Netherlands', 'Japan', 'Taiwan', 'South Korea', 'Singapore', 'Malaysia'];
const FEEDS = [
  'wccftech',
  'tomshardware',
  'the-register',
  'digitimes',
  'cnbc-tech',
  'scmp-tech',
  'nikkei-asia',
  'heise',
  'tecmundo',
  'xataka',
  'itmedia-news',
  '36kr',
];
const LANGUAGES: [string, number][] = [
  ['en', 0.62],
  ['zh', 0.1],
  ['pt', 0.07],
  ['de', 0.06],
  ['ja', 0.05],
  ['es', 0.05],
  ['fr', 0.03],
  ['ko', 0.02],
];
const WORDS = (
  'export controls chips china ban rule license licence sales restrictions curbs smuggling probe tariff entity list ' +
  'semiconductor ai accelerator data center cloud shipment revenue quarter guidance analysts rumor report sources ' +
  'administration officials tighten loosen waiver exemption deal market shares investors supply chain foundry memory ' +
  'lithography equipment tools rare earth gallium germanium retaliation antitrust investigation fine penalty court ' +
  'charges indicted network distributor transit hub diversion compliance audit review framework diffusion tier ' +
  'allies coordination agreement talks summit trade war negotiations delay pause extension deadline approval'
).split(' ');
/** A headline vocabulary of realistic size: 4000 pseudo-words, drawn with a Zipf-like skew. */
const VOCABULARY: string[] = (() => {
  const rand = prng(0x5eed);
  const syllables = 'ka lo mi ne ru sa te vo zi pa do re fi gu ha je ko lu ma ni po qu ri so tu va we xi yo za'.split(' ');
  const words = new Set<string>();
  while (words.size < 4000) {
    let w = '';
    for (let i = 0, n = 2 + Math.floor(rand() * 3); i < n; i++) w += pick(rand, syllables);
    words.add(w);
  }
  return [...words];
})();
const CJK_WORDS =
  '英伟达 出口 管制 芯片 美国 商务部 华为 限制 禁令 人工智能 许可证 反制 调查 半导体 实体清单 中芯国际 光刻机 稀土 镓 锗 走私 罚款 市场 股价'.split(
    ' ',
  );
const HAN =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
const CJK_VOCABULARY: string[] = (() => {
  const rand = prng(0xc1c);
  const words = new Set<string>();
  while (words.size < 3000) words.add(pick(rand, [...HAN]) + pick(rand, [...HAN]));
  return [...words];
})();

function pick<T>(rand: () => number, values: readonly T[]): T {
  return values[Math.floor(rand() * values.length)];
}

function some<T>(rand: () => number, values: readonly T[], max: number): T[] {
  const n = Math.floor(rand() * (max + 1));
  const out = new Set<T>();
  for (let i = 0; i < n; i++) out.add(pick(rand, values));
  return [...out];
}

function language(rand: () => number): string {
  let r = rand();
  for (const [lang, p] of LANGUAGES) {
    if ((r -= p) < 0) return lang;
  }
  return 'en';
}

function hex(rand: () => number, length: number): string {
  let s = '';
  while (s.length < length)
    s += Math.floor(rand() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s.slice(0, length);
}

/** Relevant stories get the topic's vocabulary; the rest (phones, games, earnings) mostly do not. */
function title(rand: () => number, lang: string, relevant: boolean): string {
  const vocabulary = (list: readonly string[]) => list[Math.floor(rand() * rand() * list.length)];
  if (lang === 'zh' || lang === 'ja') {
    let s = '';
    for (let i = 0, n = relevant ? 3 : Math.floor(rand() * 2); i < n; i++) s += pick(rand, CJK_WORDS);
    for (let i = 0; i < 5 + Math.floor(rand() * 5); i++) s += vocabulary(CJK_VOCABULARY);
    return s;
  }
  const words: string[] = [];
  if (relevant || rand() < 0.3) words.push(pick(rand, COMPANIES));
  for (let i = 0, n = relevant ? 3 : Math.floor(rand() * 2); i < n; i++) words.push(pick(rand, WORDS));
  for (let i = 0; i < 5 + Math.floor(rand() * 5); i++) words.push(vocabulary(VOCABULARY));
  if (relevant && rand() < 0.5) words.push(pick(rand, PRODUCTS));
  return words.join(' ');
}

function summary(rand: () => number): string {
  const words: string[] = [];
  let length = 0;
  const target = 300 + Math.floor(rand() * 900);
  while (length < target) {
    const w = rand() < 0.1 ? pick(rand, COMPANIES) : pick(rand, WORDS);
    words.push(w);
    length += w.length + 1;
  }
  return words.join(' ') + '.';
}

function classification(rand: () => number, lang: string): BacktestStory['classification'] {
  const relevant = rand() < 0.35;
  const score = relevant ? 0.5 + rand() * 0.5 : rand() * 0.5;
  return {
    relevant,
    score: Math.round(score * 1000) / 1000,
    topic: TOPIC,
    subtopics: relevant ? some(rand, SUBTOPICS, 3) : [],
    entities: {
      companies: some(rand, COMPANIES, 3),
      products: some(rand, PRODUCTS, 2),
      agencies: some(rand, AGENCIES, 1),
      jurisdictions: some(rand, JURISDICTIONS, 2),
    },
    evidence: [
      { text: lang === 'zh' ? '出口管制' : 'export controls', field: 'title', concept: 'export-control', weight: 2.1 },
      { text: 'NVIDIA', field: 'summary', concept: 'chip-company', weight: 0.8 },
    ],
  };
}

export interface SyntheticHistoryOptions {
  /** @defaultValue 1 */
  seed?: number;
  /** @defaultValue 2025-01-01T00:00:00Z */
  start?: string;
  /**
   * Mean gap between classifications: 100k stories at 3 min span about 7 months.
   * @defaultValue 180 000 ms
   */
  meanGapMs?: number;
}

/**
 * `count` StoryClassified facts in log order: ~75% new stories, ~15% the same headline from
 * another feed within hours (with a suffix or a changed word, so clustering has work), ~10%
 * reclassifications of a recent story.
 */
export function syntheticHistory(count: number, options: SyntheticHistoryOptions = {}): BacktestStory[] {
  const rand = prng(options.seed ?? 1);
  const meanGap = options.meanGapMs ?? 180_000;
  let atMs = Date.parse(options.start ?? '2025-01-01T00:00:00Z');
  const out: BacktestStory[] = [];
  const recent: BacktestStory[] = [];
  for (let i = 0; i < count; i++) {
    atMs += Math.floor(rand() * 2 * meanGap);
    const at = new Date(atMs).toISOString();
    const r = rand();
    let story: BacktestStory;
    if (r < 0.1 && recent.length > 0) {
      const base = pick(rand, recent);
      story = { ...base, at, classification: classification(rand, base.language) };
    } else if (r < 0.25 && recent.length > 0) {
      const base = pick(rand, recent);
      const words = base.title.split(' ');
      if (words.length > 3 && rand() < 0.5) words[1 + Math.floor(rand() * (words.length - 2))] = pick(rand, WORDS);
      else words.push('-', pick(rand, ['Reuters', 'Bloomberg', 'SCMP']));
      const storyId = hex(rand, 24);
      story = {
        ...base,
        storyId,
        feedId: pick(rand, FEEDS),
        url: `https://news.example/${storyId}`,
        title: words.join(' '),
        at,
        classification: classification(rand, base.language),
      };
    } else {
      const lang = language(rand);
      const storyId = hex(rand, 24);
      const verdict = classification(rand, lang);
      story = {
        storyId,
        feedId: pick(rand, FEEDS),
        url: `https://news.example/${storyId}`,
        title: title(rand, lang, verdict.relevant),
        summary: summary(rand),
        language: lang,
        at,
        classification: verdict,
      };
    }
    out.push(story);
    recent.push(story);
    if (recent.length > 300) recent.shift();
  }
  return out;
}

/** YAML for `count` rules mixing every condition kind, a quarter of them throttled. */
export function syntheticRulesYaml(count = 50, seed = 1): string {
  const rand = prng(seed);
  const list = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  const lines = ['rules:'];
  for (let i = 0; i < count; i++) {
    lines.push(`  - id: synthetic-${i}`, `    description: synthetic rule ${i}`, '    when:', `      topic: ${TOPIC}`);
    lines.push(`      minScore: ${(0.5 + Math.floor(rand() * 9) * 0.05).toFixed(2)}`);
    if (rand() < 0.6) lines.push(`      subtopics: { any: ${list(some(rand, SUBTOPICS, 2).concat(pick(rand, SUBTOPICS)))} }`);
    if (rand() < 0.4) {
      const none = rand() < 0.5 ? `, none: ${list([pick(rand, JURISDICTIONS)])}` : '';
      lines.push(`      entities: { any: ${list([pick(rand, COMPANIES), ...some(rand, [...PRODUCTS, ...AGENCIES], 2)])}${none} }`);
    }
    if (rand() < 0.15) lines.push(`      languages: ${list([...new Set(['en', language(rand)])])}`);
    if (rand() < 0.1) lines.push(`      feeds: ${list([...new Set([pick(rand, FEEDS), pick(rand, FEEDS)])])}`);
    if (rand() < 0.35) {
      const any = rand() < 0.6 ? list([pick(rand, WORDS), pick(rand, WORDS)]) : '[]';
      lines.push(`      keywords: { any: ${any}, none: ${list([pick(rand, ['rumor', 'opinion', 'podcast'])])} }`);
    }
    lines.push(`    severity: ${pick(rand, ['info', 'low', 'medium', 'high', 'critical'])}`);
    if (rand() < 0.25) lines.push(`    throttle: ${pick(rand, ['1h', '6h', '1d'])}`);
  }
  return lines.join('\n') + '\n';
}

/** {@link syntheticRulesYaml} parsed. */
export function syntheticRules(count = 50, seed = 1): RuleSet {
  return parseRules(syntheticRulesYaml(count, seed), `synthetic-rules-${seed}.yaml`);
}
