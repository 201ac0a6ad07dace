import type { Pool } from 'pg';
import type { DocumentEntry, DocumentListOptions, DocumentReader } from '../documents';
import { retryOnLostConnection } from './postgres-connection-loss';
import { prefixUpperBound } from './postgres-rows';

/** Reads projection documents; keys sort in code-point order (the column uses the "C" collation). */
export class PostgresDocumentReader implements DocumentReader {
  constructor(
    private readonly pool: Pool,
    private readonly quotedSchema: string,
    private readonly statementPrefix: string,
  ) {}

  async get<T>(collection: string, key: string): Promise<T | undefined> {
    const { rows } = await retryOnLostConnection(() =>
      this.pool.query<[T]>({
        name: `${this.statementPrefix}doc_get`,
        text: `SELECT doc FROM ${this.quotedSchema}.documents WHERE collection = $1 AND key = $2`,
        values: [collection, key],
        rowMode: 'array',
      }),
    );
    return rows.length === 0 ? undefined : rows[0][0];
  }

  async list<T>(collection: string, options: DocumentListOptions = {}): Promise<DocumentEntry<T>[]> {
    const values: unknown[] = [collection, options.limit ?? 1000];
    const where = ['collection = $1'];
    // One prepared statement per combination of filters (few), named after it.
    let variant = '';
    if (options.prefix) {
      values.push(options.prefix);
      where.push(`key >= $${values.length}`);
      const upper = prefixUpperBound(options.prefix);
      if (upper === null) {
        where.push(`starts_with(key, $${values.length})`);
        variant += 'q';
      } else {
        values.push(upper);
        where.push(`key < $${values.length}`);
        variant += 'p';
      }
    }
    if (options.afterKey !== undefined) {
      values.push(options.afterKey);
      where.push(`key > $${values.length}`);
      variant += 'a';
    }
    if (options.beforeKey !== undefined) {
      values.push(options.beforeKey);
      where.push(`key < $${values.length}`);
      variant += 'b';
    }
    const order = options.order === 'desc' ? 'DESC' : 'ASC';
    const { rows } = await retryOnLostConnection(() =>
      this.pool.query<[string, T]>({
        name: `${this.statementPrefix}doc_list_${variant}_${order}`,
        text: `SELECT key, doc FROM ${this.quotedSchema}.documents WHERE ${where.join(' AND ')} ORDER BY key ${order} LIMIT $2`,
        values,
        rowMode: 'array',
      }),
    );
    return rows.map(([key, doc]) => ({ key, doc }));
  }

  async count(collection: string): Promise<number> {
    const { rows } = await retryOnLostConnection(() =>
      this.pool.query<[number]>({
        name: `${this.statementPrefix}doc_count`,
        text: `SELECT count(*)::int FROM ${this.quotedSchema}.documents WHERE collection = $1`,
        values: [collection],
        rowMode: 'array',
      }),
    );
    return rows[0][0];
  }
}
