import type { Database } from 'better-sqlite3';

/**
 * Ordered, append-only list: never edit a shipped migration, add the next one.
 * Positions use AUTOINCREMENT so a rowid is never reused after a delete.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position       INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id       TEXT    NOT NULL UNIQUE,
     stream_id      TEXT    NOT NULL,
     stream_version INTEGER NOT NULL,
     type           TEXT    NOT NULL,
     data           TEXT    NOT NULL,
     metadata       TEXT    NOT NULL,
     recorded_at    TEXT    NOT NULL,
     UNIQUE (stream_id, stream_version)
   );
   CREATE INDEX events_type_position ON events (type, position);
   CREATE TABLE subscriptions (
     name        TEXT PRIMARY KEY,
     cursor      TEXT,
     owner       TEXT,
     lease_until INTEGER NOT NULL DEFAULT 0,
     updated_at  TEXT
   );
   CREATE TABLE documents (
     collection TEXT NOT NULL,
     key        TEXT NOT NULL,
     doc        TEXT NOT NULL,
     PRIMARY KEY (collection, key)
   ) WITHOUT ROWID;`,
  `CREATE TABLE secrets (
     key        TEXT PRIMARY KEY,
     value      TEXT NOT NULL,
     updated_at TEXT NOT NULL
   ) WITHOUT ROWID;`,
];

/** Applies pending migrations in one immediate transaction, so two processes cannot race. */
export function migrateSqlite(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
    const current = row.version ?? 0;
    MIGRATIONS.slice(current).forEach((sql, index) => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(current + index + 1, new Date().toISOString());
    });
  });
  apply.immediate();
}

export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;
