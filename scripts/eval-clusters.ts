/**
 * Measure story clustering on labelled JSON Lines files (gold key `event`), beside two baselines:
 * every story alone, and the clustering before event signatures (canonical URL and near-identical
 * title only).
 *
 *   npm run eval:clusters                          # test/fixtures/clusters/dev.jsonl, 48 h window
 *   npm run eval:clusters -- --window 7d a.jsonl   # other files or window
 *   npm run eval:clusters -- --verbose             # also the stories of every cluster
 *
 * The shipped config/classifier.yaml classifies the stories, as `npx chipwatch cluster` does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterStories, evaluateClustering, parseLabelledClusterJsonl, type ClusterMetrics, type OfflineVerdict } from '@chipwatch/alerts';
import { classifierConfigSchema, createClassifier } from '@chipwatch/classifier';
import { loadShippedYamlConfig } from '@chipwatch/config';

const DEFAULT_FILES = [join(__dirname, '..', 'test', 'fixtures', 'clusters', 'dev.jsonl')];
const SPAN = /^(\d+)([hd])$/;

function main(argv: string[]): number {
  const files: string[] = [];
  let windowMs = 48 * 3_600_000;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--window') {
      const m = SPAN.exec(argv[++i] ?? '');
      if (!m) {
        console.error(`--window: expected a span such as 48h or 7d, got "${argv[i]}"`);
        return 2;
      }
      windowMs = Number(m[1]) * (m[2] === 'h' ? 3_600_000 : 86_400_000);
    } else if (argv[i] === '--verbose') verbose = true;
    else files.push(argv[i]);
  }
  const classifier = createClassifier(loadShippedYamlConfig('classifier.yaml', classifierConfigSchema));
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
  const row = (name: string, m: ClusterMetrics) =>
    `  ${name.padEnd(22)} ${m.bcubed.precision.toFixed(3)}  ${m.bcubed.recall.toFixed(3)}  ${m.bcubed.f1.toFixed(3)}   ${pct(m.crossLanguage.recall)}   ${pct(m.sameLanguage.recall)}   ${String(m.confusable.joined).padStart(3)}/${m.confusable.pairs} ${pct(m.confusable.share)}   ${m.clusters}`;
  console.log(`classifier ${classifier.version}, window ${windowMs / 3_600_000} h`);
  for (const file of files.length ? files : DEFAULT_FILES) {
    const stories = parseLabelledClusterJsonl(readFileSync(file, 'utf8'), file);
    const ours = clusterStories(stories, classifier, { windowMs });
    const titles = clusterStories(stories, classifier, { windowMs, titlesOnly: true });
    const alone: OfflineVerdict[] = ours.map((v) => ({ ...v, clusterId: v.id }));
    const metrics = evaluateClustering(stories, ours);
    console.log(`\n== ${file} (${stories.length} stories, ${new Set(stories.map((s) => s.event)).size} events)`);
    console.log(`  ${''.padEnd(22)} B³ P    B³ R   B³ F1   x-lang  same-lang  confusable joined   clusters`);
    console.log(row('event signatures', metrics));
    console.log(row('baseline: titles', evaluateClustering(stories, titles)));
    console.log(row('baseline: all alone', evaluateClustering(stories, alone)));
    console.log(`  pairs: ${metrics.crossLanguage.pairs} cross-language, ${metrics.sameLanguage.pairs} same-language, ${metrics.confusable.pairs} confusable`);
    for (const [a, b] of metrics.confusable.examples) console.log(`  wrongly joined: ${a} + ${b}`);
    const byCluster = new Map<string, string[]>();
    ours.forEach((v, i) => {
      const key = v.clusterId ?? `(not relevant) ${v.id}`;
      byCluster.set(key, [...(byCluster.get(key) ?? []), `${v.id} ${stories[i].lang} ${stories[i].event}`]);
    });
    const split = [...new Set(stories.map((s) => s.event))].filter((event) => new Set(ours.filter((_, i) => stories[i].event === event).map((v) => v.clusterId)).size > 1);
    for (const event of split) console.log(`  split: ${event}: ${stories.flatMap((s, i) => (s.event === event ? [`${s.id}→${ours[i].clusterId}`] : [])).join(' ')}`);
    if (verbose) for (const [cluster, members] of byCluster) console.log(`  ${cluster}\n    ${members.join('\n    ')}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
