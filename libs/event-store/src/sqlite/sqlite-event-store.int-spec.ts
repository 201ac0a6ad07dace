import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../event-store';
import type { ConformanceHarness, TransactionalAppend } from '../testing/conformance-harness';
import { runEventStoreConformance } from '../testing/event-store.conformance';
import { ConcurrencyError } from '../errors';
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

  it('lets timers fire while a subscriber catches up on a long log (the driver is synchronous)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipwatch-sqlite-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    try {
      await store.migrate();
      for (let i = 0; i < 20; i++)
        await store.append(
          `s-${i}`,
          Array.from({ length: 100 }, (_, j) => ({ type: j % 2 ? 'Wanted' : 'Other', data: { j } })),
        );
      let handled = 0;
      const sub = store.subscribe({
        name: 'long',
        batchSize: 10,
        filter: { types: ['Wanted'] },
        handle: async (events) => void (handled += events.length),
      });
      const handledWhenTimerFired = await new Promise<number>((resolve) => setTimeout(() => resolve(handled), 0));
      await sub.caughtUp();
      expect(handled).toBe(1000);
      expect(handledWhenTimerFired).toBeLessThan(1000);
      await sub.stop();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits appends made together in one transaction, each succeeding or failing alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipwatch-sqlite-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    try {
      await store.migrate();
      await store.append('taken', [{ type: 'A', data: {} }]);
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 20 }, (_, i) =>
          store.append(`s-${i}`, [
            { type: 'B', data: { i } },
            { type: 'C', data: { i } },
          ]),
        ),
        store.append('taken', [{ type: 'Late', data: {} }], { expectedVersion: 'no-stream' }),
        store.append('fresh', [{ type: 'D', data: {} }], { expectedVersion: 'no-stream' }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual([...Array<string>(20).fill('fulfilled'), 'rejected', 'fulfilled']);
      expect((outcomes[20] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream('taken')).toHaveLength(1);
      // Positions stay dense and in submission order: nothing of the failed append was kept.
      const positions = outcomes
        .filter((o) => o.status === 'fulfilled')
        .flatMap((o) => (o as PromiseFulfilledResult<{ positions: number[] }>).value.positions);
      expect(positions).toEqual(Array.from({ length: 41 }, (_, i) => i + 2));
      expect(await store.headPosition()).toBe(42);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
