import type { Database } from 'better-sqlite3';
import { positionToString, type RecordedEvent } from '@so-goc/event-store';
import type { Projection } from '../projection';

/**
 * A deliberately non-idempotent read model: applying an event twice changes the totals, so any double
 * application (or skip) after a crash shows up in the table hash.
 */
export function countingProjection(
  options: { name?: string; version?: number; slowMs?: number; poisonWhen?: (event: RecordedEvent) => boolean } = {},
): Projection {
  const name = options.name ?? 'counting';
  const totals = `${name}_stream_totals`;
  const log = `${name}_event_log`;
  return {
    name,
    version: options.version ?? 1,
    handles: ['Counted', 'Poison'],
    tables: [totals, log],
    createTables(db: Database): void {
      db.exec(`
        CREATE TABLE IF NOT EXISTS "${totals}" (stream TEXT PRIMARY KEY, events INTEGER NOT NULL, amount INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS "${log}" (seq INTEGER PRIMARY KEY AUTOINCREMENT, position TEXT NOT NULL, stream TEXT NOT NULL, type TEXT NOT NULL);
      `);
    },
    apply(db: Database, event: RecordedEvent): void {
      if (options.poisonWhen?.(event)) throw new Error(`cannot apply ${event.type}: amount is missing`);
      const amount = (event.data as { amount?: number }).amount ?? 0;
      db.prepare(
        `INSERT INTO "${totals}" (stream, events, amount) VALUES (?, 1, ?)
         ON CONFLICT (stream) DO UPDATE SET events = events + 1, amount = amount + excluded.amount`,
      ).run(event.stream, amount);
      db.prepare(`INSERT INTO "${log}" (position, stream, type) VALUES (?, ?, ?)`).run(
        positionToString(event.position),
        event.stream,
        event.type,
      );
      if (options.slowMs) {
        const until = Date.now() + options.slowMs;
        while (Date.now() < until) {
          // Busy-wait inside the transaction, so that a kill lands mid-transaction.
        }
      }
    },
  };
}
