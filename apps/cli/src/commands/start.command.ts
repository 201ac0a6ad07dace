import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../../../api/src/api.module';
import { createHttpServer } from '../../../api/src/http/http-server';
import { WorkerModule } from '../../../worker/src/worker.module';
import { loadSettings, type Settings } from '@chipwatch/config';
import { createLogger, PinoNestLogger, PlatformModule, type Logger } from '@chipwatch/platform';

export type Role = 'all' | 'api' | 'worker';

/** SIGTERM drains in-flight work and closes the store; past this, the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

@Module({})
class ChipwatchModule {}

/**
 * The composition root: one process runs the API, the workers, or both (the embedded default).
 */
export function chipwatchModule(settings: Settings, logger: Logger, role: Role): DynamicModule {
  return {
    module: ChipwatchModule,
    imports: [
      PlatformModule.forRoot({ settings, logger }),
      ...(role === 'worker' ? [] : [ApiModule]),
      ...(role === 'api' ? [] : [WorkerModule]),
    ],
  };
}

export async function startCommand(role: Role): Promise<void> {
  const settings = loadSettings();
  const logger = createLogger({ level: settings.logLevel });
  const module = chipwatchModule(settings, logger, role);
  const app =
    role === 'worker'
      ? await NestFactory.createApplicationContext(module, { logger: new PinoNestLogger(logger), abortOnError: false })
      : await createHttpServer(module, { settings, logger });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down: draining in-flight work');
      setTimeout(() => {
        logger.error(`shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms; exiting`);
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      app.close().then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  logger.info(
    {
      role,
      mode: settings.mode,
      eventStore: settings.databaseUrl ? 'postgres' : 'sqlite',
      dataDir: settings.dataDir,
      configDir: settings.configDir,
      url: role === 'worker' ? undefined : `http://${settings.host}:${settings.port}`,
    },
    'chipwatch started',
  );
}
