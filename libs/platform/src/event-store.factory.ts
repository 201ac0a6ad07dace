import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@chipwatch/event-store';
import type { Settings } from '@chipwatch/config';

/** SQLite file in the data dir by default; PostgreSQL when DATABASE_URL is set. Migrated. */
export async function openEventStore(settings: Settings): Promise<EventStore> {
  const store: EventStore = settings.databaseUrl
    ? new PostgresEventStore({ connectionString: settings.databaseUrl, schema: settings.dbSchema })
    : new SqliteEventStore({ filename: join(settings.dataDir, 'chipwatch.db'), synchronous: settings.sqliteSynchronous });
  await store.migrate();
  return store;
}
