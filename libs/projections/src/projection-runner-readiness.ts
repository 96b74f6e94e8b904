import type { Database } from 'better-sqlite3';
import { comparePositions, parsePosition, positionToString, type Position } from '@so-goc/event-store';
import type { Projection } from './projection';

export interface Readiness {
  readonly ready: boolean;
  /** The store's head when the projector started; what every read model must reach before answering. */
  readonly headAtStart: string | null;
  readonly waitingFor: readonly { readonly name: string; readonly at: string | null; readonly why: string }[];
}

/**
 * Kept in the read-model file, so that a portal or API in another process can tell whether the
 * projector it shares the file with has caught up since it started.
 */
export function migrateReadinessTable(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS projector_readiness (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    head_known INTEGER NOT NULL,
    head_at_start TEXT,
    started_at TEXT NOT NULL
  )`);
}

/** Called as the projector starts: not ready until the head is known and reached. */
export function recordProjectorStarting(db: Database): void {
  migrateReadinessTable(db);
  db.prepare(
    `INSERT INTO projector_readiness (id, head_known, head_at_start, started_at) VALUES (1, 0, NULL, ?)
     ON CONFLICT (id) DO UPDATE SET head_known = 0, head_at_start = NULL, started_at = excluded.started_at`,
  ).run(new Date().toISOString());
}

export function recordHeadAtStart(db: Database, head: Position | undefined): void {
  db.prepare('UPDATE projector_readiness SET head_known = 1, head_at_start = ? WHERE id = 1').run(head ? positionToString(head) : null);
}

/**
 * Ready when every projection runs at its current version with a checkpoint at or past the head the
 * store had when the projector started. Reads only the read-model file.
 */
export function readinessOf(db: Database, projections: readonly Projection[]): Readiness {
  const start = tableExists(db, 'projector_readiness')
    ? db
        .prepare<[], { head_known: number; head_at_start: string | null }>(
          'SELECT head_known, head_at_start FROM projector_readiness WHERE id = 1',
        )
        .get()
    : undefined;
  if (!start || start.head_known === 0) {
    return {
      ready: false,
      headAtStart: null,
      waitingFor: [{ name: 'projector', at: null, why: 'the projector has not started, or is reading the store head' }],
    };
  }
  const head = start.head_at_start === null ? undefined : parsePosition(start.head_at_start);
  const rows = new Map(
    db
      .prepare<[], { name: string; version: number; position: string | null; status: string }>(
        'SELECT name, version, position, status FROM projection_checkpoints',
      )
      .all()
      .map((row) => [row.name, row]),
  );
  const waitingFor: { name: string; at: string | null; why: string }[] = [];
  for (const projection of projections) {
    const row = rows.get(projection.name);
    if (!row) waitingFor.push({ name: projection.name, at: null, why: 'not started' });
    else if (row.status === 'failed')
      waitingFor.push({ name: projection.name, at: row.position, why: 'stopped at an event it cannot apply' });
    else if (row.version !== projection.version)
      waitingFor.push({ name: projection.name, at: row.position, why: `rebuilding to version ${projection.version}` });
    else if (head && (row.position === null || comparePositions(parsePosition(row.position), head) < 0))
      waitingFor.push({ name: projection.name, at: row.position, why: 'catching up' });
  }
  return { ready: waitingFor.length === 0, headAtStart: start.head_at_start, waitingFor };
}

function tableExists(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
