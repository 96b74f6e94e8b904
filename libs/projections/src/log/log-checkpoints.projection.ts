import type { Database } from 'better-sqlite3';
import type { LogCheckpointEvent, LogCheckpointSignedData } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/**
 * The signed checkpoints of the event log, as the portal publishes them (issue 16): anyone may keep a
 * copy, and a later rewrite of the file cannot match what they kept.
 */
export const logCheckpointsProjection: Projection = {
  name: 'log-checkpoints',
  version: 1,
  handles: ['LogCheckpointSigned'],
  tables: ['log_checkpoints'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS log_checkpoints (
        position INTEGER PRIMARY KEY, hash TEXT NOT NULL, signed_at TEXT NOT NULL, hashed_at_migration_up_to TEXT NOT NULL,
        key_id TEXT NOT NULL, signature TEXT NOT NULL, statement_vi TEXT NOT NULL, statement_en TEXT NOT NULL
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as LogCheckpointEvent;
    const d = event.data;
    prepared(db, 'INSERT OR IGNORE INTO log_checkpoints VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      Number(d.position),
      d.hash,
      d.signedAt,
      d.hashedAtMigrationUpTo,
      d.keyId,
      d.signature,
      d.statementVi,
      d.statementEn,
    );
  },
};

/** Newest first; `limit` keeps the public page small while the JSON may hold them all. */
export function publishedLogCheckpoints(db: Database, limit = 10_000): LogCheckpointSignedData[] {
  return prepared<
    [number],
    {
      position: number;
      hash: string;
      signed_at: string;
      hashed_at_migration_up_to: string;
      key_id: string;
      signature: string;
      statement_vi: string;
      statement_en: string;
    }
  >(db, 'SELECT * FROM log_checkpoints ORDER BY position DESC LIMIT ?')
    .all(limit)
    .map((row) => ({
      position: String(row.position),
      hash: row.hash,
      signedAt: row.signed_at,
      hashedAtMigrationUpTo: row.hashed_at_migration_up_to,
      keyId: row.key_id,
      signature: row.signature,
      statementVi: row.statement_vi,
      statementEn: row.statement_en,
    }));
}
