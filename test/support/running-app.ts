import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadSettings } from '@chipwatch/config';
import type { EventStore } from '@chipwatch/event-store';
import { createLogger, EVENT_STORE } from '@chipwatch/platform';
import { createHttpServer } from '../../apps/api/src/http/http-server';
import { chipwatchModule, type Role } from '../../apps/cli/src/commands/start.command';

export interface RunningApp {
  app: NestFastifyApplication;
  baseUrl: string;
  store: EventStore;
  dataDir: string;
  /** Answers that did not match the schema their route documents; close() fails when there are any. */
  mismatches: string[];
  close(): Promise<void>;
}

/** Boots the real application in this process on 127.0.0.1 and a free port, on a fresh data dir. */
export async function startApp(env: Record<string, string> = {}, role: Role = 'api'): Promise<RunningApp> {
  // Without a config dir of its own, a test must not pick up the project's real feeds.
  env = { CHIPWATCH_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'chipwatch-cfg-')), ...env };
  const dataDir = env.CHIPWATCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'chipwatch-e2e-'));
  const settings = loadSettings({ PORT: '0', HOST: '127.0.0.1', CHIPWATCH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const logger = createLogger({ level: settings.logLevel, pretty: false });
  const mismatches: string[] = [];
  const app = await createHttpServer(chipwatchModule(settings, logger, role), {
    settings,
    logger,
    onResponseMismatch: (problem) => mismatches.push(problem),
  });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir,
    mismatches,
    async close() {
      await app.close();
      if (!env.CHIPWATCH_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
      if (mismatches.length > 0) throw new Error(`answers that do not match the schemas their routes document:\n${mismatches.join('\n')}`);
    },
  };
}
