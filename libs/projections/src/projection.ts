import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '@so-goc/event-store';

/**
 * A read model. The runner calls `apply` inside the transaction that also moves the projection's
 * checkpoint, so `apply` must only write through `db` and must not swallow errors: a thrown error
 * stops this projection (loudly) and leaves its tables and checkpoint as they were.
 */
export interface Projection {
  readonly name: string;
  /** Bump to rebuild from zero: the runner drops `tables`, recreates them and replays everything. */
  readonly version: number;
  /** Event types `apply` wants; others still advance the checkpoint without a call. */
  readonly handles: readonly string[];
  /** Every table the projection writes, for rebuilds and for comparing a rebuild with the live model. */
  readonly tables: readonly string[];
  createTables(db: Database): void;
  apply(db: Database, event: RecordedEvent): void;
}
