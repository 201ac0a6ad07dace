/**
 * Projection documents: JSON read models kept in the store's own database so a projection commits
 * its rows and its checkpoint in one transaction (exactly-once for state, see event-store.md).
 */
export interface DocumentEntry<T> {
  key: string;
  doc: T;
}

export interface DocumentListOptions {
  /** Only keys starting with this. */
  prefix?: string;
  /** Keys strictly greater than this (key order), for paging. */
  afterKey?: string;
  /** Keys strictly less than this, for paging backwards. */
  beforeKey?: string;
  /** @defaultValue 'asc' */
  order?: 'asc' | 'desc';
  /** @defaultValue 1000 */
  limit?: number;
}

export interface DocumentReader {
  get<T>(collection: string, key: string): Promise<T | undefined>;
  list<T>(collection: string, options?: DocumentListOptions): Promise<DocumentEntry<T>[]>;
  count(collection: string): Promise<number>;
}

/** Writes are buffered and committed with the subscription's checkpoint; reads see them. */
export interface DocumentTx extends DocumentReader {
  put<T>(collection: string, key: string, doc: T): void;
  delete(collection: string, key: string): void;
}

export type DocumentWrite =
  { op: 'put'; collection: string; key: string; doc: unknown } | { op: 'delete'; collection: string; key: string };
