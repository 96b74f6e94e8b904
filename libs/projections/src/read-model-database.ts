import Database, { type Database as Db } from 'better-sqlite3';

/**
 * The SQLite file that holds every read model plus the projections' checkpoints. It is derived data:
 * deleting it and restarting the projector rebuilds it from the events.
 */
export function openReadModelDatabase(file: string, options: { readonly readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrateCheckpointTable(db);
  }
  db.pragma('busy_timeout = 10000');
  return db;
}

export function migrateCheckpointTable(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name        TEXT PRIMARY KEY,
      version     INTEGER NOT NULL,
      position    TEXT,
      status      TEXT NOT NULL CHECK (status IN ('running', 'failed')),
      failed_event_id       TEXT,
      failed_event_position TEXT,
      failed_event_type     TEXT,
      error       TEXT,
      updated_at  TEXT NOT NULL
    );
  `);
}
