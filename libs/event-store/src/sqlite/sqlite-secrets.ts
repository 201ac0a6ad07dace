import type { Database, Statement } from 'better-sqlite3';
import type { SecretStore } from '../secrets';

/** Credentials in their own table, outside the log, so deleting a key really removes the value. */
export class SqliteSecretStore implements SecretStore {
  private statements!: { get: Statement; put: Statement; delete: Statement };

  constructor(private readonly db: Database) {}

  /** Once the tables exist (after migrating). */
  prepare(): void {
    this.statements = {
      get: this.db.prepare('SELECT value FROM secrets WHERE key = ?').pluck(),
      put: this.db.prepare(
        'INSERT INTO secrets (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ),
      delete: this.db.prepare('DELETE FROM secrets WHERE key = ?'),
    };
  }

  async get(key: string): Promise<string | undefined> {
    return (this.statements.get.get(key) as string | undefined) ?? undefined;
  }

  async put(key: string, value: string): Promise<void> {
    this.statements.put.run(key, value, new Date().toISOString());
  }

  async delete(key: string): Promise<void> {
    this.statements.delete.run(key);
  }
}
