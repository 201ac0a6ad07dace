import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRules, runBacktest } from '@chipwatch/alerts';
import { ConfigFileError, type Settings } from '@chipwatch/config';
import { openEventStore } from '@chipwatch/platform';

/** `chipwatch rules check [FILE]`: prints each problem as file:line:column: key: message; exit 1 if any. */
export function rulesCheckCommand(file: string | undefined, configDir: string): number {
  const path = file ?? join(configDir, 'rules.yaml');
  try {
    const ruleSet = parseRules(readFileSync(path, 'utf8'), path);
    process.stdout.write(`${path}: ${ruleSet.rules.length} rule(s) valid (hash ${ruleSet.hash}): ${ruleSet.ruleIds.join(', ')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigFileError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`${path}: file not found\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * `chipwatch backtest --rules FILE [--since 30d] [--until …]`: what FILE's rules would have raised
 * over the stored history, and the diff against the active rules. Reads the log; appends nothing.
 */
export async function backtestCommand(settings: Settings, file: string, since?: string, until?: string): Promise<number> {
  const activePath = join(settings.configDir, 'rules.yaml');
  let active;
  try {
    active = parseRules(readFileSync(activePath, 'utf8'), activePath);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    process.stderr.write(`the active rules are invalid:\n${error.message}\n`);
    return 1;
  }
  const store = await openEventStore(settings);
  try {
    const report = await runBacktest(store, active, { rulesText: readFileSync(file, 'utf8'), file, since, until });
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof ConfigFileError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}
