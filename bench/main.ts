/**
 * `npm run bench` prints a table; `npm run -s bench -- --json [--only PREFIX]` prints one JSON
 * object `{"results":[{name, unit, value, baseline, ratio}]}` with stable dotted names.
 */
import { parseArgs } from 'node:util';
import type { Bench, BenchResult } from './bench-kit';
import { postgresEventStoreBench, sqliteEventStoreBench } from './eventstore.bench';
import { classifyBench } from './classify.bench';
import { clustersBench } from './clusters.bench';
import { ingestCorpusBench } from './ingest.bench';
import { pipelineDistributed1Bench, pipelineDistributed2Bench, pipelineEmbeddedBench } from './pipeline.bench';
import { pollCycleBench } from './poll-cycle.bench';
import { rulesBench } from './rules.bench';

const BENCHES: Bench[] = [
  sqliteEventStoreBench,
  postgresEventStoreBench,
  ingestCorpusBench,
  pollCycleBench,
  classifyBench,
  rulesBench,
  clustersBench,
  pipelineEmbeddedBench,
  pipelineDistributed1Bench,
  pipelineDistributed2Bench,
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, only: { type: 'string' } } });
  const only = values.only;
  const selected = BENCHES.filter((bench) => !only || bench.name.startsWith(only) || only.startsWith(bench.name));
  const results: BenchResult[] = [];
  for (const bench of selected) {
    if (!values.json) process.stderr.write(`running ${bench.name}…\n`);
    const measured = await bench.run();
    results.push(...measured.filter((result) => !only || result.name.startsWith(only)));
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({ results }) + '\n');
    return;
  }
  console.table(
    results.map((r) => ({ name: r.name, unit: r.unit, value: r.value, baseline: r.baseline, ratio: r.ratio, note: r.note ?? '' })),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
