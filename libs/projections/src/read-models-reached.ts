import type { Database } from 'better-sqlite3';
import { comparePositions, parsePosition, type Position } from '@so-goc/event-store';
import type { Projection } from './projection';

/**
 * Whether the read models in this file have applied `position` (issue 20 item 4: read-your-writes on a
 * node that does not project). Reads only the checkpoint table, so a process that opened the file
 * read-only can ask while the projector (another process) writes it. A projection that stopped at an
 * event or whose stored tables are of another version (being rebuilt beside) is not waited for: its
 * tables will not move until someone acts, and waiting would only delay every read.
 */
export function readModelsReached(db: Database, projections: readonly Projection[], position: Position): boolean {
  let rows: { name: string; version: number; position: string | null; status: string }[];
  try {
    rows = db
      .prepare<[], { name: string; version: number; position: string | null; status: string }>(
        'SELECT name, version, position, status FROM projection_checkpoints',
      )
      .all();
  } catch (error) {
    if (error instanceof Error && /no such table/.test(error.message)) return false;
    throw error;
  }
  const byName = new Map(rows.map((row) => [row.name, row]));
  for (const projection of projections) {
    const row = byName.get(projection.name);
    if (!row) return false;
    if (row.status === 'failed' || row.version !== projection.version) continue;
    if (row.position === null || comparePositions(parsePosition(row.position), position) < 0) return false;
  }
  return true;
}
