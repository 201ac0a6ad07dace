import type { DocumentEntry, DocumentListOptions, DocumentReader, DocumentTx, DocumentWrite } from './documents';

/**
 * Buffers a handler's writes so they commit with the checkpoint in one transaction. Reads see the
 * buffered writes first, then the store. Written by hand: it is a thin overlay with no library peer.
 */
export class BufferedDocumentTx implements DocumentTx {
  private readonly pending = new Map<string, DocumentWrite>();

  constructor(private readonly store: DocumentReader) {}

  get writes(): DocumentWrite[] {
    return [...this.pending.values()];
  }

  put<T>(collection: string, key: string, doc: T): void {
    this.pending.set(documentSlot(collection, key), { op: 'put', collection, key, doc });
  }

  delete(collection: string, key: string): void {
    this.pending.set(documentSlot(collection, key), { op: 'delete', collection, key });
  }

  async get<T>(collection: string, key: string): Promise<T | undefined> {
    const write = this.pending.get(documentSlot(collection, key));
    if (write) return write.op === 'put' ? (write.doc as T) : undefined;
    return this.store.get<T>(collection, key);
  }

  async list<T>(collection: string, options: DocumentListOptions = {}): Promise<DocumentEntry<T>[]> {
    const limit = options.limit ?? 1000;
    const stored = await this.store.list<T>(collection, { ...options, limit: limit + this.pending.size });
    const merged = new Map(stored.map((entry) => [entry.key, entry.doc]));
    for (const write of this.pending.values()) {
      if (write.collection !== collection || !inRange(write.key, options)) continue;
      if (write.op === 'put') merged.set(write.key, write.doc as T);
      else merged.delete(write.key);
    }
    return [...merged.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0) * (options.order === 'desc' ? -1 : 1))
      .slice(0, limit)
      .map(([key, doc]) => ({ key, doc }));
  }

  async count(collection: string): Promise<number> {
    let count = await this.store.count(collection);
    for (const write of this.pending.values()) {
      if (write.collection !== collection) continue;
      const exists = (await this.store.get(collection, write.key)) !== undefined;
      if (write.op === 'put' && !exists) count++;
      if (write.op === 'delete' && exists) count--;
    }
    return count;
  }
}

/** One map key for a (collection, key) pair. */
export function documentSlot(collection: string, key: string): string {
  return `${collection}\u0000${key}`;
}

function inRange(key: string, options: DocumentListOptions): boolean {
  if (options.prefix !== undefined && !key.startsWith(options.prefix)) return false;
  if (options.afterKey !== undefined && key <= options.afterKey) return false;
  if (options.beforeKey !== undefined && key >= options.beforeKey) return false;
  return true;
}
