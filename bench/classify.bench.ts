import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifierConfigSchema, createClassifier } from '@chipwatch/classifier';
import { loadShippedYamlConfig } from '@chipwatch/config';
import { alternate, higherIsBetter, type Bench } from './bench-kit';

const STORIES = 5_000;

/** 1–3 KB stories in every language, built from the labelled fixtures (title + several summaries). */
function stories(): { title: string; summary: string }[] {
  const dir = join(__dirname, '..', 'test', 'fixtures', 'classifier');
  const rows = ['dev.jsonl', 'own-train.jsonl']
    .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as { title: string; summary: string });
  const out: { title: string; summary: string }[] = [];
  for (let i = 0; out.length < STORIES; i++) {
    const row = rows[i % rows.length];
    let summary = row.summary;
    for (let k = 1; Buffer.byteLength(summary) < 1000 + (i % 2000); k++) summary += ' ' + rows[(i + k * 7) % rows.length].summary;
    out.push({ title: row.title, summary });
  }
  return out;
}

/**
 * `classify.throughput`: stories/s on one core for 1–3 KB stories (goal ≥ 20,000/s), next to a
 * single precompiled regex scanning the same texts.
 */
export const classifyBench: Bench = {
  name: 'classify.throughput',
  async run() {
    const texts = stories();
    const classifier = createClassifier(loadShippedYamlConfig('classifier.yaml', classifierConfigSchema));
    const regex = /export\w*\s+(control|restriction|licen[cs]e|ban)\w*|entity list|出口管制|輸出規制|수출\s*통제/i;
    const measured = await alternate(
      3,
      () => {
        const started = performance.now();
        for (const story of texts) classifier.classify(story);
        return texts.length / ((performance.now() - started) / 1000);
      },
      () => {
        const started = performance.now();
        for (const story of texts) regex.test(`${story.title}\n${story.summary}`);
        return texts.length / ((performance.now() - started) / 1000);
      },
    );
    return [
      higherIsBetter(
        'classify.throughput',
        'stories/s',
        measured,
        '1–3 KB stories, 8 languages; goal ≥ 20,000/s; baseline: one precompiled regex',
      ),
    ];
  },
};
