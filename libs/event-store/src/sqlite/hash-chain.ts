import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ChainAnchor, ChainBreak, ChainHead, ChainReport } from '../event-store.port';

/** The hash an empty store starts from: the first event is chained over it. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainedRow = [
  position: number,
  stream: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: number,
];

export const CHAINED_COLUMNS = 'position, stream, revision, event_id, type, data, metadata, recorded_at';

/**
 * SHA-256 over the previous hash and the event's canonical bytes. A JSON array of the stored column
 * values (data and metadata as the exact stored JSON text) cannot be read two ways, so no two different
 * events hash the same bytes. recorded_at is included: registers print it, so it must not be editable.
 */
export function chainHash(previousHash: string, row: ChainedRow): string {
  return createHash('sha256').update(previousHash).update('\n').update(JSON.stringify(row)).digest('hex');
}

/**
 * Adds the hash column to a store made before the chain existed and hashes its events in position
 * order, once, under the write lock. Those hashes attest the history as it stood at migration, not at
 * each append: chain_origin says up to which position that is, and the first signed checkpoint states it.
 */
export function migrateHashChain(db: Database): void {
  const hasHash = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('events') WHERE name = 'hash'").get() !== undefined;
  const hasOrigin =
    db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'chain_origin'").get() !== undefined;
  if (hasHash && hasOrigin) return;
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS chain_origin (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      hashed_at_migration_up_to INTEGER NOT NULL,
      migrated_at TEXT NOT NULL
    )`);
    if (db.prepare('SELECT 1 FROM chain_origin').get() !== undefined) return;
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('events')").all();
    if (!columns.some((c) => c.name === 'hash')) db.exec('ALTER TABLE events ADD COLUMN hash TEXT');
    const head = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() ?? 0;
    if (head > 0) {
      // The one place a stored row is written after its append: it gains its hash and nothing else.
      db.exec('DROP TRIGGER IF EXISTS events_are_never_updated');
      const update = db.prepare<[string, number]>('UPDATE events SET hash = ? WHERE position = ?');
      // Paged: one connection cannot write while it iterates a query.
      const page = db
        .prepare<[number], ChainedRow>(`SELECT ${CHAINED_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT 1000`)
        .raw();
      let previous = GENESIS_HASH;
      let after = 0;
      for (let rows = page.all(after); rows.length > 0; rows = page.all(after)) {
        for (const row of rows) {
          previous = chainHash(previous, row);
          update.run(previous, row[0]);
          after = row[0];
        }
      }
    }
    db.exec(`CREATE TRIGGER IF NOT EXISTS events_are_never_updated BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE refused'); END;`);
    db.prepare('INSERT INTO chain_origin (id, hashed_at_migration_up_to, migrated_at) VALUES (1, ?, ?)').run(
      head,
      new Date().toISOString(),
    );
  }).immediate();
}

export function readChainHead(db: Database): ChainHead | undefined {
  const row = db.prepare<[], [number, string | null]>('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1').raw().get();
  if (!row) return undefined;
  return { position: BigInt(row[0]), hash: row[1] ?? '' };
}

export function readChainOrigin(db: Database): bigint {
  const upTo = db.prepare<[], number>('SELECT hashed_at_migration_up_to FROM chain_origin').pluck().get();
  return BigInt(upTo ?? 0);
}

type StoredChainRow = [...ChainedRow, string | null];

const PAGE_SQL = `SELECT ${CHAINED_COLUMNS}, hash FROM events WHERE position > ? ORDER BY position LIMIT ?`;

/**
 * Walks every event in position order, recomputing each hash from the one before, and compares the
 * stored chain with the signed anchors. Names the first event that breaks it: a missing position (a
 * deleted row), a stored hash that does not follow (an inserted or altered row), or an anchor the
 * chain no longer reaches or matches (a rewritten stretch, or deleted tail).
 *
 * A page at a time, yielding to the event loop between pages, so that a running server can check a
 * million events without a multi-second stall of every request.
 */
export async function verifyHashChainInPages(db: Database, anchors: readonly ChainAnchor[] = [], pageSize = 2000): Promise<ChainReport> {
  const walker = new ChainWalker(anchors);
  const page = db.prepare<[number, number], StoredChainRow>(PAGE_SQL).raw();
  let after = 0;
  for (let rows = page.all(after, pageSize); rows.length > 0; rows = page.all(after, pageSize)) {
    for (const row of rows) if (!walker.step(row)) return walker.report();
    after = rows[rows.length - 1]![0];
    await new Promise((resolve) => setImmediate(resolve));
  }
  return walker.finish();
}

class ChainWalker {
  private readonly byPosition: Map<bigint, ChainAnchor>;
  private previous = GENESIS_HASH;
  private expectedPosition = 1;
  private checked = 0;
  private anchorsMatched = 0;
  private lastGoodAnchor: ChainAnchor | undefined;
  private broken: ChainBreak | undefined;

  constructor(private readonly anchors: readonly ChainAnchor[]) {
    this.byPosition = new Map(anchors.map((anchor) => [anchor.position, anchor]));
  }

  /** False once the chain is broken: the walk stops at the first break. */
  step(full: StoredChainRow): boolean {
    const row = full.slice(0, 8) as ChainedRow;
    const stored = full[8];
    const position = row[0];
    if (position !== this.expectedPosition) {
      return this.breakAt({
        position: BigInt(this.expectedPosition),
        reason: 'missing',
        description: `event at position ${this.expectedPosition} is missing (deleted); the next stored event is at ${position} (${row[3]})`,
      });
    }
    const computed = chainHash(this.previous, row);
    if (stored !== computed) {
      return this.breakAt({
        position: BigInt(position),
        eventId: row[3],
        stream: row[1],
        type: row[4],
        reason: stored === null ? 'unchained' : 'altered',
        description:
          stored === null
            ? `event at position ${position} (${row[3]}, ${row[4]} on ${row[1]}) has no hash: it was written outside the store (inserted)`
            : `event at position ${position} (${row[3]}, ${row[4]} on ${row[1]}) does not match its hash: it was altered or inserted`,
      });
    }
    const anchor = this.byPosition.get(BigInt(position));
    if (anchor) {
      if (anchor.hash !== computed) {
        const from = this.lastGoodAnchor ? `position ${this.lastGoodAnchor.position}` : 'the beginning';
        return this.breakAt({
          position: BigInt(position),
          eventId: row[3],
          reason: 'rewritten',
          description: `the chain at position ${position} differs from the checkpoint signed ${anchor.signedAt}: events after ${from} up to ${position} were rewritten`,
        });
      }
      this.anchorsMatched += 1;
      this.lastGoodAnchor = anchor;
    }
    this.previous = computed;
    this.expectedPosition += 1;
    this.checked += 1;
    return true;
  }

  finish(): ChainReport {
    const next = BigInt(this.expectedPosition);
    const beyond = this.anchors.filter((anchor) => anchor.position >= next).sort((a, b) => (a.position < b.position ? -1 : 1))[0];
    if (beyond) {
      this.breakAt({
        position: next,
        reason: 'missing',
        description: `the store ends at position ${this.expectedPosition - 1}, but a checkpoint signed ${beyond.signedAt} covers up to ${beyond.position}: events from ${this.expectedPosition} on were deleted`,
      });
    }
    return this.report();
  }

  report(): ChainReport {
    return {
      ok: this.broken === undefined,
      eventsChecked: this.checked,
      head: this.checked === 0 ? undefined : { position: BigInt(this.expectedPosition - 1), hash: this.previous },
      anchorsMatched: this.anchorsMatched,
      ...(this.broken ? { break: this.broken } : {}),
    };
  }

  private breakAt(found: ChainBreak): false {
    this.broken = found;
    return false;
  }
}
