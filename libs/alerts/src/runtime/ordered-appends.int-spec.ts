import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore } from '@chipwatch/event-store';
import { OrderedAppends } from './ordered-appends';

const CONNECTION_STRING = process.env.CHIPWATCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** On PostgreSQL, where appends started together really do run at once, over several connections. */
describe('OrderedAppends', () => {
  const schema = `cw_test_${randomBytes(6).toString('hex')}`;
  let store: PostgresEventStore;

  beforeAll(async () => {
    store = new PostgresEventStore({ connectionString: CONNECTION_STRING, schema, poolSize: 8 });
    await store.migrate();
  });

  afterAll(async () => {
    await store.close();
    const client = new Client({ connectionString: CONNECTION_STRING });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('keeps each stream in the order of adding, and appends only what is missing when run again', async () => {
    const add = (appends: OrderedAppends) => {
      for (let i = 0; i < 30; i++) appends.add(`alert-${i % 3}`, { id: `e-${i}`, type: 'Step', data: { i } });
    };
    const first = new OrderedAppends(store);
    add(first);
    expect(await first.settled()).toBe(30);
    const again = new OrderedAppends(store);
    add(again);
    await again.settled();
    for (let stream = 0; stream < 3; stream++) {
      const events = await store.readStream(`alert-${stream}`);
      expect(events.map((e) => e.data.i)).toEqual(Array.from({ length: 10 }, (_, k) => stream + 3 * k));
    }
  });

  it('fails with the first failure once every append has settled', async () => {
    const appends = new OrderedAppends(store);
    appends.add('taken', { id: 'x-1', type: 'A', data: {} });
    await appends.settled();
    const clash = new OrderedAppends(store);
    clash.add('elsewhere', { id: 'x-1', type: 'A', data: {} });
    clash.add('fine', { id: 'y-1', type: 'B', data: {} });
    await expect(clash.settled()).rejects.toThrow();
    expect(await store.readStream('fine')).toHaveLength(1);
  });
});
