import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRules } from '@chipwatch/alerts';
import { classifierConfigSchema, createClassifier, ENTITY_TYPES, SUBTOPICS, type EntityType } from '@chipwatch/classifier';
import { loadYamlConfig } from '@chipwatch/config';
import { storyIdFromUrl } from '@chipwatch/feeds';
import type { DiscoveredStory } from '@chipwatch/stories';
import { NotificationScenario, type SentNotification, type Verdict } from '../../libs/notifications/src/testing/notification-scenario';
import { formatJson, jsonExamples, projectMarkdown, rewriteExample, type JsonExample } from '../support/markdown-examples';

/**
 * Every JSON example in README.md and docs/ is what the code builds. Each ```json block carries a
 * `<!-- example: NAME -->` marker naming one of the examples below; each is built by the live
 * notification path (the real evaluator, dispatcher and delivery) from realistic stories,
 * classified by the shipped classifier.yaml against the shipped rules.yaml, and must equal the
 * block. Change the code and the doc together, or run with CHIPWATCH_UPDATE_DOC_EXAMPLES=1 to
 * rewrite the blocks from the code, and read the diff.
 */

/**
 * What the vocabulary check reads of an example, whichever it shows: a classification's subtopics
 * and entities (webhook payloads, REST stories) or subtopics of its own (REST alerts).
 */
interface ExampleVocabulary {
  classification?: { subtopics?: string[]; entities?: Partial<Record<EntityType, string[]>> } | null;
  subtopics?: string[];
}

const ROOT = join(__dirname, '..', '..');
const classifierConfig = loadYamlConfig(join(ROOT, 'config', 'classifier.yaml'), classifierConfigSchema);
const classifier = createClassifier(classifierConfig);
const rules = parseRules(readFileSync(join(ROOT, 'config', 'rules.yaml'), 'utf8'), 'config/rules.yaml');

function story(url: string, fields: Omit<DiscoveredStory, 'storyId' | 'url' | 'guid'>): DiscoveredStory {
  return { storyId: storyIdFromUrl(url), url, guid: null, ...fields };
}

function verdict(of: DiscoveredStory): Verdict {
  const { relevant, score, topic, subtopics, entities, evidence, language, classifierVersion } = classifier.classify(of);
  return { classifierVersion, relevant, score, topic, subtopics, entities, evidence, language };
}

/** A story in Portuguese that two shipped rules match: export-controls-any (medium) and new-restrictions (high). */
const H20 = story('https://www.tecmundo.com.br/mercado/2025/06/eua-restringem-exportacao-de-chips-h20-da-nvidia-a-china.htm', {
  feedId: 'tecmundo',
  title: 'EUA restringem exportação de chips H20 da NVIDIA à China',
  summary: 'O Departamento de Comércio publicou novas regras.',
  language: 'pt',
  publishedAt: '2025-06-02T09:58:00.000Z',
});

/** A market story (export-controls-any, medium), edited an hour later to report Entity List additions (new-restrictions, high). */
const SHARES = story('https://www.cnbc.com/2025/06/02/nvidia-shares-fall-export-controls.html', {
  feedId: 'cnbc-tech',
  title: 'Nvidia shares fall as US export controls on AI chips to China weigh on outlook',
  summary: "Investors worry about the impact of export restrictions on Nvidia's data-center revenue.",
  language: 'en',
  publishedAt: '2025-06-02T13:30:00.000Z',
});
const SHARES_EDITED = {
  ...SHARES,
  summary: 'The Commerce Department added 140 Chinese companies to the Entity List on Monday, widening export controls on AI chips.',
};

function webhookBody(sent: readonly SentNotification[]): unknown {
  const [hook] = sent.filter((n) => n.channel === 'webhook');
  if (!hook || hook.channel !== 'webhook') throw new Error('no webhook was sent');
  return JSON.parse(hook.body);
}

/** The examples, built once: what a webhook subscriber with no filter is sent, and what REST shows. */
async function buildExamples(): Promise<Record<string, unknown>> {
  const raised = new NotificationScenario(rules, '2025-06-02T10:04:58.000Z');
  await raised.subscribe({ subscriptionId: 'sub_3f9a1c2b7d4e', channel: 'webhook' });
  await raised.at('2025-06-02T10:05:00.000Z').discover(H20, verdict(H20));
  const alertRaised = webhookBody(await raised.settle());

  const updated = new NotificationScenario(rules, '2025-06-02T13:35:00.000Z');
  await updated.subscribe({ subscriptionId: 'sub_3f9a1c2b7d4e', channel: 'webhook' });
  await updated.discover(SHARES, verdict(SHARES));
  await updated.settle();
  await updated.at('2025-06-02T14:40:00.000Z').edit(SHARES_EDITED, verdict(SHARES_EDITED));
  const alertUpdated = webhookBody(await updated.settle());
  const { alertIds } = (await updated.notification(SHARES.storyId, 'sub_3f9a1c2b7d4e'))!;

  await updated.at('2025-06-02T15:00:00.000Z').delivery.sendTest('sub_3f9a1c2b7d4e');
  const alertTest = webhookBody(updated.sent.slice(-1));

  return {
    'webhook alert.raised': alertRaised,
    'webhook alert.updated': alertUpdated,
    'webhook alert.test': alertTest,
    'GET /alerts/:id alert': await updated.alert(alertIds[0]),
  };
}

describe('JSON examples in README.md and docs/', () => {
  let built: Record<string, unknown>;
  const examples: JsonExample[] = projectMarkdown().flatMap(jsonExamples);

  beforeAll(async () => {
    built = await buildExamples();
  });

  it('are each marked with the example they show', () => {
    const unmarked = examples
      .filter((e) => e.name === undefined || !(e.name in built))
      .map((e) => `${e.file}:${e.line} ${e.name ?? '(no marker)'}`);
    expect(unmarked).toEqual([]);
  });

  it('show every example somewhere', () => {
    expect(Object.keys(built).filter((name) => !examples.some((e) => e.name === name))).toEqual([]);
  });

  it('are what the code builds (CHIPWATCH_UPDATE_DOC_EXAMPLES=1 rewrites them)', () => {
    // Last first, so a rewritten block does not move the ones still to come.
    for (const example of examples.filter((e) => e.name !== undefined && e.name in built).reverse()) {
      const expected = built[example.name!];
      if (process.env.CHIPWATCH_UPDATE_DOC_EXAMPLES === '1') rewriteExample(example, formatJson(expected));
      else
        expect({ at: `${example.file}:${example.line}`, json: JSON.parse(example.text) as unknown }).toEqual({
          at: `${example.file}:${example.line}`,
          json: expected,
        });
    }
  });

  it("speak the classifier's vocabulary: subtopics from SUBTOPICS, entities as classifier.yaml names them", () => {
    for (const example of examples) {
      const json = JSON.parse(example.text) as ExampleVocabulary;
      const classification = json.classification ?? {};
      for (const subtopic of [...(classification.subtopics ?? []), ...(json.subtopics ?? [])]) expect(SUBTOPICS).toContain(subtopic);
      for (const type of ENTITY_TYPES) {
        for (const name of classification.entities?.[type] ?? []) expect(Object.keys(classifierConfig.entities[type])).toContain(name);
      }
    }
  });
});
