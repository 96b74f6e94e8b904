import { rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { positionToString, type Position } from '@so-goc/event-store';
import type { Projection } from './projection';

/**
 * Where a projection is rebuilt beside the live one: a file next to the read-model file, holding the
 * same tables under the same names, so that a projection's own SQL needs no change to write there.
 * None for an in-memory database (tests), which then rebuilds in place.
 */
export function shadowFileOf(db: Database, projection: Projection): string | undefined {
  if (db.memory || db.name === '' || db.name === ':memory:') return undefined;
  return `${db.name}.rebuild-${projection.name}`;
}

export function removeShadowFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Replaces the live tables with the rebuilt ones and moves the checkpoint, in one transaction: a reader
 * on this connection or any other sees the old tables or the new, never none and never half.
 */
export function swapInRebuilt(db: Database, projection: Projection, shadowFile: string, position: Position | undefined): void {
  db.prepare('ATTACH DATABASE ? AS rebuilt').run(shadowFile);
  try {
    db.transaction(() => {
      for (const table of projection.tables) db.exec(`DROP TABLE IF EXISTS main."${table}"`);
      // Unqualified CREATE statements go to main, so the projection's own DDL (indexes included) is reused.
      projection.createTables(db);
      for (const table of projection.tables) db.exec(`INSERT INTO main."${table}" SELECT * FROM rebuilt."${table}"`);
      db.prepare(
        `INSERT INTO projection_checkpoints (name, version, position, status, updated_at) VALUES (?, ?, ?, 'running', ?)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, status = 'running', error = NULL,
           failed_event_id = NULL, failed_event_position = NULL, failed_event_type = NULL, updated_at = excluded.updated_at`,
      ).run(projection.name, projection.version, position ? positionToString(position) : null, new Date().toISOString());
    })();
  } finally {
    db.exec('DETACH DATABASE rebuilt');
  }
}
