import type { Pool } from 'pg';
import type { SecretStore } from '../secrets';
import { retryOnLostConnection } from './postgres-connection-loss';

/** Credentials in their own table, outside the log, so deleting a key really removes the value. */
export class PostgresSecretStore implements SecretStore {
  constructor(
    private readonly pool: Pool,
    private readonly quotedSchema: string,
    private readonly statementPrefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const { rows } = await retryOnLostConnection(() =>
      this.pool.query<[string]>({
        name: `${this.statementPrefix}secret_get`,
        text: `SELECT value FROM ${this.quotedSchema}.secrets WHERE key = $1`,
        values: [key],
        rowMode: 'array',
      }),
    );
    return rows[0]?.[0];
  }

  async put(key: string, value: string): Promise<void> {
    await retryOnLostConnection(() =>
      this.pool.query({
        name: `${this.statementPrefix}secret_put`,
        text: `INSERT INTO ${this.quotedSchema}.secrets (key, value) VALUES ($1, $2)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
        values: [key, value],
      }),
    );
  }

  async delete(key: string): Promise<void> {
    await retryOnLostConnection(() =>
      this.pool.query({
        name: `${this.statementPrefix}secret_delete`,
        text: `DELETE FROM ${this.quotedSchema}.secrets WHERE key = $1`,
        values: [key],
      }),
    );
  }
}
