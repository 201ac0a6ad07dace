import 'reflect-metadata';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigFileError, loadSettings, SettingsError } from '@chipwatch/config';
import { classifyCommand } from './commands/classify.command';
import { clusterCommand } from './commands/cluster.command';
import { parseSpan } from './commands/duration';
import { reclassifyCommand } from './commands/reclassify.command';
import { backtestCommand, rulesCheckCommand } from './commands/rules.command';
import { startCommand, type Role } from './commands/start.command';

const program = new Command()
  .name('chipwatch')
  .description('Watches news feeds for AI-chip export-control stories, keeps every fact in an event log, and alerts subscribers.')
  .version('0.1.0')
  .showHelpAfterError();

program
  .command('start')
  .description('run chipwatch: API and workers in one process (embedded default), or one role')
  .addOption(new Option('--role <role>', 'what this process runs').choices(['all', 'api', 'worker']).default('all'))
  .action(async (options: { role: Role }) => startCommand(options.role));

program
  .command('classify')
  .description('classify JSONL stories {id, title, summary, lang?} from FILE or stdin; one JSONL verdict per line, in order')
  .argument('[file]', 'JSONL file, or - for stdin', '-')
  .option('--config <file>', 'a classifier.yaml to use instead of the config dir\'s (or the shipped one)')
  .action(async (file: string, options: { config?: string }) => {
    process.exitCode = await classifyCommand(file, options, loadSettings().configDir);
  });

program
  .command('cluster')
  .description(
    'classify JSONL stories {id, title, summary, lang?, url?, feedId?, publishedAt?} and cluster the relevant ones into events, in publishedAt order; one JSONL {id, relevant, clusterId} per line, in input order',
  )
  .argument('[file]', 'JSONL file, or - for stdin', '-')
  .option('--window <span>', 'how far apart in time two stories of one event may be, e.g. 48h', parseSpan)
  .action(async (file: string, options: { window?: number }) => {
    process.exitCode = await clusterCommand(file, options, loadSettings().configDir);
  });

program
  .command('reclassify')
  .description('re-run the current classifier over stored stories, appending new StoryClassified events')
  .option('--since <span>', 'only stories discovered within this span, e.g. 30d', parseSpan)
  .action(async (options: { since?: number }) => {
    process.exitCode = await reclassifyCommand(loadSettings(), options.since);
  });

const rules = program.command('rules').description('work with alert rules');
rules
  .command('check')
  .description('validate a rules file (default: the config dir\'s rules.yaml); problems as file:line:column: key: message')
  .argument('[file]')
  .action((file: string | undefined) => {
    process.exitCode = rulesCheckCommand(file, loadSettings().configDir);
  });

program
  .command('backtest')
  .description('replay stored classified stories through candidate rules; report alerts per rule and the diff against the active rules')
  .requiredOption('--rules <file>', 'candidate rules file')
  .option('--since <when>', 'a span such as 30d, or an ISO 8601 time')
  .option('--until <when>', 'a span such as 1d, or an ISO 8601 time')
  .action(async (options: { rules: string; since?: string; until?: string }) => {
    process.exitCode = await backtestCommand(loadSettings(), options.rules, toInstant(options.since), toInstant(options.until));
  });

/** A span back from now (30d) or an ISO 8601 time, as ISO 8601. */
function toInstant(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d+[smhd]$/.test(value)) return new Date(Date.now() - parseSpan(value)).toISOString();
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new InvalidArgumentError(`expected a span such as 30d or an ISO 8601 time, got "${value}"`);
  return new Date(at).toISOString();
}

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof SettingsError || error instanceof ConfigFileError) {
      process.stderr.write(`chipwatch: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}


if (require.main === module) {
  main(process.argv).catch((error) => {
    process.stderr.write(`chipwatch: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
