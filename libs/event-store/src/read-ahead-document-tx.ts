import { documentSlot } from './document-tx';
import type { DocumentEntry, DocumentListOptions, DocumentTx } from './documents';

/**
 * A handler's documents with reads fetched ahead: `readAhead` gets many keys at once (in parallel,
 * one round trip's wait instead of one per key on PostgreSQL), and `get` answers from them until
 * the handler writes that key; writes and lists go to the transaction underneath. Docs read
 * ahead are handed out as stored: change a copy, and `put` it.
 */
export class ReadAheadDocumentTx implements DocumentTx {
  private readonly ahead = new Map<string, unknown>();

  constructor(private readonly tx: DocumentTx) {}

  async readAhead(collection: string, keys: Iterable<string>): Promise<void> {
    const wanted = [...new Set(keys)].filter((key) => !this.ahead.has(documentSlot(collection, key)));
    const docs = await Promise.all(wanted.map((key) => this.tx.get(collection, key)));
    wanted.forEach((key, i) => this.ahead.set(documentSlot(collection, key), docs[i]));
  }

  async get<T>(collection: string, key: string): Promise<T | undefined> {
    const at = documentSlot(collection, key);
    return this.ahead.has(at) ? (this.ahead.get(at) as T | undefined) : this.tx.get<T>(collection, key);
  }

  put<T>(collection: string, key: string, doc: T): void {
    this.ahead.delete(documentSlot(collection, key));
    this.tx.put(collection, key, doc);
  }

  delete(collection: string, key: string): void {
    this.ahead.delete(documentSlot(collection, key));
    this.tx.delete(collection, key);
  }

  list<T>(collection: string, options?: DocumentListOptions): Promise<DocumentEntry<T>[]> {
    return this.tx.list<T>(collection, options);
  }

  count(collection: string): Promise<number> {
    return this.tx.count(collection);
  }
}
