import { isLoopbackHost, settingsSchema, toSettings, type Settings } from './settings.schema';

/** The environment is wrong; the message names each variable and what it expected. */
export class SettingsError extends Error {
  readonly code = 'invalid-settings';
  constructor(readonly problems: readonly string[]) {
    super(`invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/**
 * The one place chipwatch reads `process.env`. Called once at boot; everything else receives the
 * typed `Settings`.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new SettingsError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const settings = toSettings(parsed.data);
  const problems: string[] = [];
  if (!isLoopbackHost(settings.host) && settings.apiKeys.length === 0) {
    problems.push(
      `HOST: ${settings.host} is reachable from other machines, but CHIPWATCH_API_KEYS is empty. ` +
        'Set CHIPWATCH_API_KEYS to one or more comma-separated secrets of 16+ characters ' +
        '(e.g. CHIPWATCH_API_KEYS=$(openssl rand -hex 24)), or keep HOST=127.0.0.1.',
    );
  }
  if (settings.redisUrl && !settings.databaseUrl) {
    problems.push(
      'REDIS_URL: workers on several machines cannot share a SQLite file; set DATABASE_URL too (distributed mode), or unset REDIS_URL.',
    );
  }
  if (problems.length) throw new SettingsError(problems);
  return settings;
}

export type { Settings };
