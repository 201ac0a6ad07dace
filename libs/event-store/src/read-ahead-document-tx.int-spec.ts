import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferedDocumentTx } from './document-tx';
import { ReadAheadDocumentTx } from './read-ahead-document-tx';
import { SqliteEventStore } from './sqlite/sqlite-event-store.adapter';

describe('ReadAheadDocumentTx', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chipwatch-readahead-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.migrate();
    // Stored documents, committed the only way there is: by a subscription's batch.
    await store.append('s', [{ type: 'Seed', data: {} }]);
    const seeding = store.subscribe({
      name: 'seed',
      handle: async (_events, { documents }) => {
        documents.put('notes', 'a', { v: 'stored a' });
        documents.put('notes', 'b', { v: 'stored b' });
      },
    });
    await seeding.caughtUp();
    await seeding.stop();
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers from what it read ahead, until the handler writes that key', async () => {
    const tx = new BufferedDocumentTx(store.documents);
    const docs = new ReadAheadDocumentTx(tx);
    await docs.readAhead('notes', ['a', 'b', 'missing', 'a']);
    expect(await docs.get('notes', 'a')).toEqual({ v: 'stored a' });
    expect(await docs.get('notes', 'missing')).toBeUndefined();

    docs.put('notes', 'a', { v: 'written a' });
    docs.delete('notes', 'b');
    docs.put('notes', 'missing', { v: 'now here' });
    expect(await docs.get('notes', 'a')).toEqual({ v: 'written a' });
    expect(await docs.get('notes', 'b')).toBeUndefined();
    expect(await docs.get('notes', 'missing')).toEqual({ v: 'now here' });
    // The writes went to the transaction underneath, which commits them.
    expect(tx.writes.map((w) => [w.op, w.key])).toEqual([
      ['put', 'a'],
      ['delete', 'b'],
      ['put', 'missing'],
    ]);
    expect((await docs.list('notes')).map((entry) => entry.key)).toEqual(['a', 'missing']);
  });
});
