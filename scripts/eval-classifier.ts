/**
 * Measure the topic classifier on labelled JSON Lines files.
 *
 *   npm run eval:classifier                       # dev, own-train and own-holdout fixtures
 *   npm run eval:classifier -- a.jsonl b.jsonl    # other files
 *   npm run eval:classifier -- --config my/classifier.yaml [files...]
 *
 * Without --config the shipped config/classifier.yaml is used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metrics, classifierConfigSchema, createClassifier, evaluateClassifier, parseLabelledJsonl } from '@chipwatch/classifier';
import { ConfigFileError, loadYamlConfig, shippedConfigPath } from '@chipwatch/config';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'classifier');
const DEFAULT_FILES = ['dev.jsonl', 'own-train.jsonl', 'own-holdout.jsonl'].map((f) => join(FIXTURES, f));

function main(argv: string[]): number {
  const files: string[] = [];
  let configPath: string | undefined;
  let verbose = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config') configPath = argv[++i];
    else if (argv[i] === '--quiet') verbose = false;
    else files.push(argv[i]);
  }
  const configFile = configPath ?? shippedConfigPath('classifier.yaml');
  let classifier;
  try {
    classifier = createClassifier(loadYamlConfig(configFile, classifierConfigSchema));
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    console.error(error.message);
    return 2;
  }
  console.log(`classifier ${classifier.version} (${configFile})`);
  const fmt = (m: Metrics) =>
    `P ${m.precision.toFixed(3)}  R ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}  (n ${m.n}, tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
  for (const file of files.length ? files : DEFAULT_FILES) {
    const report = evaluateClassifier(classifier, parseLabelledJsonl(readFileSync(file, 'utf8'), file));
    console.log(`\n== ${file}`);
    console.log(`  all  ${fmt(report.overall)}`);
    for (const [lang, m] of Object.entries(report.byLanguage)) console.log(`  ${lang.padEnd(4)} ${fmt(m)}`);
    if (verbose && report.errors.length) {
      console.log('  misclassified:');
      for (const { story, result } of report.errors) {
        const kind = story.label === 1 ? 'FN' : 'FP';
        const why = result.evidence
          .slice(0, 5)
          .map((e) => `${e.concept}:"${e.text}"(${e.weight})`)
          .join(' ');
        console.log(`  ${kind} ${story.id} [${story.lang}] score ${result.score} ${story.title}\n       ${why}`);
      }
    }
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
