import type { Database } from 'better-sqlite3';

/**
 * One table holds every event. The INTEGER PRIMARY KEY is the global position: appends are serialised by
 * BEGIN IMMEDIATE and rows are never deleted, so commit order equals position order. The triggers make
 * "an event once appended is never edited or deleted" a property of the file, not of our code.
 */
export function migrateEventStoreSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY,
      stream      TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      event_id    TEXT    NOT NULL,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      recorded_at INTEGER NOT NULL,
      UNIQUE (stream, revision),
      UNIQUE (event_id)
    );
    CREATE TRIGGER IF NOT EXISTS events_are_never_updated BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE refused'); END;
    CREATE TRIGGER IF NOT EXISTS events_are_never_deleted BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE refused'); END;
  `);
}
