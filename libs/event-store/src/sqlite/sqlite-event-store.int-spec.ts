import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../event-store';
import type { ConformanceHarness, TransactionalAppend } from '../testing/conformance-harness';
import { runEventStoreConformance } from '../testing/event-store.conformance';
import { SqliteEventStore } from './sqlite-event-store.adapter';

function sqliteHarness(): ConformanceHarness {
  let dir = '';
  const open = async (): Promise<EventStore> => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.db'), leaseMs: 3_000 });
    await store.migrate();
    return store;
  };
  return {
    adapter: 'sqlite',
    async create() {
      dir = mkdtempSync(join(tmpdir(), 'chipwatch-sqlite-'));
      return open();
    },
    reopen: open,
    async writer() {
      // SQLite's single writer cannot hold a transaction open across awaits: the form of
      // the gap test for SQLite is concurrent async appends from one process.
      const store = await open();
      return {
        async transaction(work, rollback) {
          const pending: Parameters<TransactionalAppend>[] = [];
          await work(async (streamId, events) => void pending.push([streamId, events]));
          if (rollback) return;
          for (const [streamId, events] of pending) await store.append(streamId, events);
        },
        close: () => store.close(),
      };
    },
    async destroy() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

runEventStoreConformance(sqliteHarness());

describe('SqliteEventStore specifics', () => {
  it('applies migrations to an existing database without change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipwatch-sqlite-'));
    try {
      const first = new SqliteEventStore({ filename: join(dir, 'nested', 'events.db') });
      await first.migrate();
      await first.append('s', [{ type: 'A', data: {} }]);
      await first.close();
      const second = new SqliteEventStore({ filename: join(dir, 'nested', 'events.db') });
      await second.migrate();
      await second.migrate();
      expect(await second.readStream('s')).toHaveLength(1);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
