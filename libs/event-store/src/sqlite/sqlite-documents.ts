import type { Database, Statement } from 'better-sqlite3';
import type { DocumentEntry, DocumentListOptions, DocumentReader } from '../documents';

/** Reads projection documents; they are written with a subscription's checkpoint (sqlite-subscriptions.ts). */
export class SqliteDocumentReader implements DocumentReader {
  private statements!: { get: Statement; count: Statement };

  constructor(private readonly db: Database) {}

  /** Once the tables exist (after migrating). */
  prepare(): void {
    this.statements = {
      get: this.db.prepare('SELECT doc FROM documents WHERE collection = ? AND key = ?').pluck(),
      count: this.db.prepare('SELECT COUNT(*) FROM documents WHERE collection = ?').pluck(),
    };
  }

  async get<T>(collection: string, key: string): Promise<T | undefined> {
    const doc = this.statements.get.get(collection, key) as string | undefined;
    return doc === undefined ? undefined : (JSON.parse(doc) as T);
  }

  async list<T>(collection: string, options: DocumentListOptions = {}): Promise<DocumentEntry<T>[]> {
    const where = ['collection = ?'];
    const params: unknown[] = [collection];
    if (options.prefix !== undefined) {
      where.push('key >= ? AND key < ?');
      params.push(options.prefix, options.prefix + '\uffff');
    }
    if (options.afterKey !== undefined) {
      where.push('key > ?');
      params.push(options.afterKey);
    }
    if (options.beforeKey !== undefined) {
      where.push('key < ?');
      params.push(options.beforeKey);
    }
    params.push(options.limit ?? 1000);
    const order = options.order === 'desc' ? 'DESC' : 'ASC';
    const rows = this.db
      .prepare(`SELECT key, doc FROM documents WHERE ${where.join(' AND ')} ORDER BY key ${order} LIMIT ?`)
      .all(...params) as { key: string; doc: string }[];
    return rows.map((row) => ({ key: row.key, doc: JSON.parse(row.doc) as T }));
  }

  async count(collection: string): Promise<number> {
    return this.statements.count.get(collection) as number;
  }
}
