import { ConcurrencyError, DuplicateEventIdError } from '../errors';
import type { NewEvent, RecordedEvent } from '../event';
import type { EventStore } from '../event-store';
import type { Subscription, SubscriptionOptions } from '../subscription';
import type { ConformanceHarness } from './conformance-harness';

const event = (type: string, data: Record<string, unknown> = {}, id?: string): NewEvent => ({ id, type, data });

/** Waits for a fact with a deadline instead of sleeping and hoping. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const randomDelay = (maxMs: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * maxMs));

/**
 * One behavioural contract for every EventStore adapter. Each adapter's int-spec calls this with
 * a harness that gives it an isolated database.
 */
export function runEventStoreConformance(harness: ConformanceHarness): void {
  describe(`EventStore conformance (${harness.adapter})`, () => {
    let store: EventStore;
    const extra: EventStore[] = [];
    const subscriptions: Subscription[] = [];

    const subscribe = (target: EventStore, options: SubscriptionOptions) => {
      const subscription = target.subscribe({ pollIntervalMs: 200, retryInitialMs: 20, ...options });
      subscriptions.push(subscription);
      return subscription;
    };

    beforeEach(async () => {
      store = await harness.create();
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await Promise.all(extra.splice(0).map((s) => s.close()));
      await store.close();
      await harness.destroy();
    });

    describe('append and read', () => {
      it('numbers stream versions from 1 and global positions strictly increasing', async () => {
        const first = await store.append('story-a', [event('StoryDiscovered'), event('StoryClassified')]);
        const second = await store.append('story-b', [event('StoryDiscovered')]);
        expect(first.streamVersion).toBe(2);
        expect(second.streamVersion).toBe(1);
        const positions = [...first.positions, ...second.positions];
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(3);

        const stream = await store.readStream('story-a');
        expect(stream.map((e) => [e.streamVersion, e.type])).toEqual([
          [1, 'StoryDiscovered'],
          [2, 'StoryClassified'],
        ]);
        expect(stream[0].position).toBe(first.positions[0]);
        expect(await store.headPosition()).toBe(second.positions[0]);
      });

      it('stores data, metadata and a recordedAt timestamp as given', async () => {
        const data = { title: 'Exportações de chips — “H20”', nested: { list: [1, 2], flag: true, none: null } };
        await store.append('story-x', [{ id: 'evt-1', type: 'StoryDiscovered', data, metadata: { correlationId: 'c1' } }]);
        const [stored] = await store.readStream('story-x');
        expect(stored.id).toBe('evt-1');
        expect(stored.data).toEqual(data);
        expect(stored.metadata).toEqual({ correlationId: 'c1' });
        expect(Number.isNaN(Date.parse(stored.recordedAt))).toBe(false);
      });

      it('returns an empty list for a stream that does not exist, and reads after a version', async () => {
        expect(await store.readStream('story-none')).toEqual([]);
        await store.append('story-v', [event('A'), event('B'), event('C')]);
        expect((await store.readStream('story-v', { afterVersion: 1 })).map((e) => e.type)).toEqual(['B', 'C']);
      });

      it('refuses an empty append', async () => {
        await expect(store.append('story-empty', [])).rejects.toThrow();
        expect(await store.headPosition()).toBe(0);
      });
    });

    describe('optimistic concurrency', () => {
      it('accepts the exact expected version and rejects a stale one with ConcurrencyError', async () => {
        await store.append('feed-1', [event('FeedPolled')], { expectedVersion: 0 });
        await store.append('feed-1', [event('FeedPolled')], { expectedVersion: 1 });
        const stale = store.append('feed-1', [event('FeedPolled')], { expectedVersion: 1 });
        await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(stale).rejects.toMatchObject({ streamId: 'feed-1', actual: 2 });
        expect(await store.readStream('feed-1')).toHaveLength(2);
      });

      it('checks no-stream and stream-exists', async () => {
        await expect(store.append('feed-2', [event('X')], { expectedVersion: 'stream-exists' })).rejects.toBeInstanceOf(ConcurrencyError);
        await store.append('feed-2', [event('X')], { expectedVersion: 'no-stream' });
        await expect(store.append('feed-2', [event('X')], { expectedVersion: 'no-stream' })).rejects.toBeInstanceOf(ConcurrencyError);
        await store.append('feed-2', [event('X')], { expectedVersion: 'stream-exists' });
        expect(await store.readStream('feed-2')).toHaveLength(2);
      });

      it('lets exactly one of several racing writers with the same expected version win', async () => {
        await store.append('race', [event('Start')]);
        const results = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) => store.append('race', [event('Step', { i })], { expectedVersion: 1 })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((r) => r.status === 'rejected')) {
          expect(r.status === 'rejected' && r.reason).toBeInstanceOf(ConcurrencyError);
        }
        expect(await store.readStream('race')).toHaveLength(2);
      });
    });

    describe('idempotency on event ids', () => {
      it('returns the original positions for a retried append and writes nothing', async () => {
        const batch = [event('StoryDiscovered', {}, 'disc-1'), event('StoryClassified', {}, 'cls-1')];
        const first = await store.append('story-i', batch, { expectedVersion: 0 });
        const head = await store.headPosition();
        const retry = await store.append('story-i', batch, { expectedVersion: 0 });
        expect(first.duplicate).toBe(false);
        expect(retry.duplicate).toBe(true);
        expect(retry.positions).toEqual(first.positions);
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream('story-i')).toHaveLength(2);
      });

      it('refuses an id already used in another stream', async () => {
        await store.append('story-j', [event('A', {}, 'shared-id')]);
        const error = await store.append('story-k', [event('A', {}, 'shared-id')]).catch((e: Error) => e);
        expect(`${(error as Error).name}: ${(error as Error).message}`).toMatch(/^DuplicateEventIdError: /);
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream('story-k')).toEqual([]);
      });
    });

    describe('readAll', () => {
      beforeEach(async () => {
        for (let i = 0; i < 25; i++) {
          await store.append(i % 2 ? `story-${i}` : `feed-${i}`, [event(i % 3 ? 'StoryDiscovered' : 'FeedPolled', { i })]);
        }
      });

      it('pages through the whole log exactly once in position order', async () => {
        const seen: RecordedEvent[] = [];
        let after = 0;
        for (;;) {
          const page = await store.readAll({ after, limit: 7 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(7);
          seen.push(...page);
          after = page[page.length - 1].position;
        }
        expect(seen.map((e) => e.data.i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
        const positions = seen.map((e) => e.position);
        for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
      });

      it('filters by type, stream prefix and stream id', async () => {
        const polled = await store.readAll({ types: ['FeedPolled'], limit: 100 });
        expect(polled.map((e) => e.data.i)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24]);
        const stories = await store.readAll({ streamPrefix: 'story-', limit: 100 });
        expect(stories.every((e) => e.streamId.startsWith('story-'))).toBe(true);
        expect(stories).toHaveLength(12);
        const both = await store.readAll({ streamPrefix: 'story-', types: ['FeedPolled'], limit: 100 });
        expect(both.map((e) => e.data.i)).toEqual([3, 9, 15, 21]);
        const one = await store.readAll({ streamId: 'story-7', limit: 100 });
        expect(one.map((e) => e.data.i)).toEqual([7]);
        const paged = await store.readAll({ types: ['FeedPolled'], after: polled[2].position, limit: 2 });
        expect(paged.map((e) => e.data.i)).toEqual([9, 12]);
      });

      it('treats a stream prefix literally (no wildcard characters)', async () => {
        await store.append('a%b', [event('Odd')]);
        await store.append('a_b', [event('Odd')]);
        expect(await store.readAll({ streamPrefix: 'a%', limit: 10 })).toHaveLength(1);
      });
    });

    describe('secrets', () => {
      it('keeps secrets beside the log, never in it', async () => {
        expect(await store.secrets.get('subscription-1')).toBeUndefined();
        await store.secrets.put('subscription-1', 'whsec_abc');
        await store.secrets.put('subscription-1', 'whsec_rotated');
        expect(await store.secrets.get('subscription-1')).toBe('whsec_rotated');
        expect(await store.headPosition()).toBe(0);
        await store.secrets.delete('subscription-1');
        expect(await store.secrets.get('subscription-1')).toBeUndefined();
      });
    });

    describe('readCommitted (live tailing)', () => {
      it('reads everything from the initial cursor and resumes after a given position', async () => {
        await store.append('t-1', [event('A'), event('B'), event('C')]);
        // Another session's open transaction (a test running beside this one) may hold committed
        // events back for a while on PostgreSQL: read again until they pass its horizon.
        let all = await store.readCommitted(store.initialCursor, 10);
        await eventually(
          async () => all.events.length > 0 || (all = await store.readCommitted(store.initialCursor, 10)).events.length > 0,
          15_000,
          'the events past the horizon',
        );
        expect(all.events.map((e) => e.type)).toEqual(['A', 'B', 'C']);
        const firstTwo = await store.readCommitted(store.initialCursor, 2);
        expect(firstTwo.events.map((e) => e.type)).toEqual(['A', 'B']);
        const rest = await store.readCommitted(firstTwo.cursor, 10);
        expect(rest.events.map((e) => e.type)).toEqual(['C']);
        const resumed = await store.readCommitted(await store.cursorAfter(all.events[0].position), 10);
        expect(resumed.events.map((e) => e.type)).toEqual(['B', 'C']);
        const end = await store.readCommitted(all.cursor, 10);
        expect(end).toEqual({ events: [], cursor: all.cursor });
      });
    });

    describe('subscriptions', () => {
      it('catches up on existing events, then follows new appends', async () => {
        await store.append('s-1', [event('A'), event('B')]);
        const seen: string[] = [];
        const sub = subscribe(store, { name: 'follower', handle: async (events) => void seen.push(...events.map((e) => e.type)) });
        await sub.caughtUp();
        expect(seen).toEqual(['A', 'B']);
        await store.append('s-2', [event('C')]);
        await sub.caughtUp();
        expect(seen).toEqual(['A', 'B', 'C']);
        expect(sub.status()).toMatchObject({ active: true, failures: 0 });
        expect(sub.status().lastPosition).toBe(await store.headPosition());
      });

      it('resumes from its checkpoint after a restart', async () => {
        await store.append('s-1', [event('A'), event('B')]);
        const first: string[] = [];
        const sub = subscribe(store, { name: 'resumer', handle: async (events) => void first.push(...events.map((e) => e.type)) });
        await sub.caughtUp();
        await sub.stop();
        await store.append('s-1', [event('C')]);
        await store.close();

        store = await harness.reopen();
        const second: string[] = [];
        const again = subscribe(store, { name: 'resumer', handle: async (events) => void second.push(...events.map((e) => e.type)) });
        await again.caughtUp();
        expect(first).toEqual(['A', 'B']);
        expect(second).toEqual(['C']);
      });

      it('retries a failing batch with backoff without moving the checkpoint', async () => {
        await store.append('s-1', [event('A')]);
        let attempts = 0;
        const errors: number[] = [];
        const handled: string[] = [];
        const sub = subscribe(store, {
          name: 'flaky',
          onError: (_error, attempt) => errors.push(attempt),
          handle: async (events, ctx) => {
            attempts++;
            ctx.documents.put('counts', 'A', { attempts });
            if (attempts < 3) throw new Error('receiver down');
            handled.push(...events.map((e) => e.type));
          },
        });
        await sub.caughtUp();
        expect(attempts).toBe(3);
        expect(errors).toEqual([1, 2]);
        expect(handled).toEqual(['A']);
        expect(await store.documents.get('counts', 'A')).toEqual({ attempts: 3 });
        expect(sub.status().failures).toBe(0);
      });

      it('commits projection documents with the checkpoint, and none from a failed batch', async () => {
        let fail = true;
        const sub = subscribe(store, {
          name: 'projector',
          handle: async (events, ctx) => {
            for (const e of events) {
              const current = (await ctx.documents.get<{ n: number }>('tally', e.type)) ?? { n: 0 };
              ctx.documents.put('tally', e.type, { n: current.n + 1 });
            }
            ctx.documents.delete('tally', 'Gone');
            if (fail) {
              fail = false;
              throw new Error('once');
            }
          },
        });
        await store.append('s-1', [event('A'), event('A'), event('B')]);
        await sub.caughtUp();
        expect(await store.documents.get('tally', 'A')).toEqual({ n: 2 });
        expect(await store.documents.list('tally')).toEqual([
          { key: 'A', doc: { n: 2 } },
          { key: 'B', doc: { n: 1 } },
        ]);
        expect(await store.documents.count('tally')).toBe(2);
        expect(await store.documents.list('tally', { afterKey: 'A' })).toEqual([{ key: 'B', doc: { n: 1 } }]);
        expect(await store.documents.list('tally', { order: 'desc' })).toEqual([
          { key: 'B', doc: { n: 1 } },
          { key: 'A', doc: { n: 2 } },
        ]);
        expect(await store.documents.list('tally', { beforeKey: 'B', order: 'desc' })).toEqual([{ key: 'A', doc: { n: 2 } }]);
      });

      it('hands over only the filtered events but moves past the others', async () => {
        const seen: string[] = [];
        const sub = subscribe(store, {
          name: 'filtered',
          filter: { types: ['StoryClassified'], streamPrefix: 'story-' },
          handle: async (events) => void seen.push(...events.map((e) => `${e.streamId}:${e.type}`)),
        });
        await store.append('story-1', [event('StoryDiscovered'), event('StoryClassified')]);
        await store.append('feed-1', [event('StoryClassified')]);
        await sub.caughtUp();
        expect(seen).toEqual(['story-1:StoryClassified']);
        expect(sub.status().lastPosition).toBe(await store.headPosition());
      });

      it('can start at the end of the log', async () => {
        await store.append('s-1', [event('Old')]);
        const seen: string[] = [];
        const sub = subscribe(store, {
          name: 'tail',
          startFrom: 'end',
          handle: async (events) => void seen.push(...events.map((e) => e.type)),
        });
        await sub.caughtUp();
        await store.append('s-1', [event('New')]);
        await sub.caughtUp();
        expect(seen).toEqual(['New']);
      });

      it('runs one active instance per name across processes, and fails over when it stops', async () => {
        const other = await harness.reopen();
        extra.push(other);
        const seen: string[] = [];
        const handler = (who: string) => async (events: RecordedEvent[]) =>
          void seen.push(...events.map((e) => `${who}:${String(e.data.n)}`));
        const a = subscribe(store, { name: 'singleton', handle: handler('a') });
        await a.caughtUp();
        const b = subscribe(other, { name: 'singleton', handle: handler('b') });
        for (let n = 0; n < 5; n++) await store.append('s-1', [event('E', { n })]);
        await a.caughtUp();
        expect(a.status().active).toBe(true);
        expect(b.status().active).toBe(false);
        await a.stop();
        await store.append('s-1', [event('E', { n: 5 })]);
        await eventually(() => seen.length === 6, 15_000, 'failover');
        await b.caughtUp();
        expect(seen).toEqual(['a:0', 'a:1', 'a:2', 'a:3', 'a:4', 'b:5']);
      });
    });

    describe('subscriptionCaughtUp (a subscription run by another process)', () => {
      it('waits until the stored checkpoint covers every event committed before the call', async () => {
        const other = await harness.reopen();
        extra.push(other);
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const handled: number[] = [];
        subscribe(other, {
          name: 'remote',
          handle: async (events) => {
            await gate;
            handled.push(...events.map((e) => e.data.n as number));
          },
        });
        for (let n = 0; n < 3; n++) await store.append('s-1', [event('E', { n })]);
        let settled = false;
        const waited = store.subscriptionCaughtUp('remote', 10_000).then(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(settled).toBe(false);
        release();
        await waited;
        expect(handled).toEqual([0, 1, 2]);
        // Appends after the call are not waited for; earlier ones handled already count.
        await store.append('s-1', [event('E', { n: 3 })]);
        await other.subscriptionCaughtUp('remote', 10_000);
        expect(handled).toEqual([0, 1, 2, 3]);
      });

      it('rejects after the timeout when no process runs the subscription', async () => {
        await store.append('s-1', [event('E')]);
        await expect(store.subscriptionCaughtUp('nobody-runs-this', 300)).rejects.toThrow(/nobody-runs-this did not handle/);
      });

      it('counts a subscription whose filter took none of the events as caught up', async () => {
        const sub = subscribe(store, { name: 'picky', filter: { types: ['Nothing'] }, handle: async () => undefined });
        await store.append('s-1', [event('E'), event('F')]);
        await sub.caughtUp();
        await store.subscriptionCaughtUp('picky', 5_000);
      });
    });

    describe('gap test', () => {
      /** 8 writers commit (or roll back) in random interleavings; `noise` of them carry another type. */
      async function gapTest(filtered: boolean): Promise<void> {
        const writers = await Promise.all(Array.from({ length: 8 }, () => harness.writer()));
        const seen = new Map<string, number>();
        const sub = subscribe(store, {
          name: 'gap-tailer',
          batchSize: 50,
          pollIntervalMs: 20,
          ...(filtered ? { filter: { types: ['GapTested'] } } : {}),
          handle: async (events) => {
            for (const e of events) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
          },
        });
        const committed: string[] = [];
        let rolledBack = 0;
        try {
          await Promise.all(
            writers.map(async (writer, w) => {
              for (let t = 0; t < 40; t++) {
                const rollback = Math.random() < 0.05;
                const type = filtered && t % 2 === 1 ? 'Noise' : 'GapTested';
                const ids = Array.from({ length: 1 + (t % 3) }, (_, k) => `w${w}-t${t}-e${k}`);
                await writer.transaction(async (append) => {
                  await randomDelay(10);
                  await append(
                    `gap-${w}-${t % 4}`,
                    ids.map((id) => event(type, { w, t }, id)),
                  );
                  await randomDelay(10);
                }, rollback);
                if (rollback) rolledBack++;
                else if (type === 'GapTested') committed.push(...ids);
              }
            }),
          );
        } finally {
          await Promise.all(writers.map((writer) => writer.close()));
        }
        await sub.caughtUp();
        const missed = committed.filter((id) => !seen.has(id));
        const repeated = [...seen.entries()].filter(([, count]) => count > 1);
        const phantom = [...seen.keys()].filter((id) => !committed.includes(id));
        expect({ missed: missed.length, repeated: repeated.length, phantom: phantom.length }).toEqual({
          missed: 0,
          repeated: 0,
          phantom: 0,
        });
        expect(committed.length).toBeGreaterThan(filtered ? 200 : 500);
        expect(rolledBack + committed.length).toBeGreaterThan(0);
      }

      it('shows a tailing subscriber every committed event exactly once under 8 concurrent writers', () => gapTest(false));

      it('shows a filtered subscriber every matching committed event exactly once, skipping the others', () => gapTest(true));
    });
  });
}
