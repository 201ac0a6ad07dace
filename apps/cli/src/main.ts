import 'reflect-metadata';
import { Command, Option } from 'commander';
import { ConfigFileError, SettingsError } from '@chipwatch/config';
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

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await program.parseAsync(argv as string[]);
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
