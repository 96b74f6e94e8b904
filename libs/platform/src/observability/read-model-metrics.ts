import type { Database } from 'better-sqlite3';
import { parsePosition, WrongExpectedRevisionError, type EventStore } from '@so-goc/event-store';
import type { Metrics } from './metrics';

interface CheckpointRow {
  readonly name: string;
  readonly position: string | null;
  readonly status: string;
}

/** The projections' checkpoints as the read-model file has them; none before the projector made the table. */
function checkpoints(readModels: Database): CheckpointRow[] {
  try {
    return readModels.prepare<[], CheckpointRow>('SELECT name, position, status FROM projection_checkpoints').all();
  } catch {
    return [];
  }
}

const commitOf = (position: string | null): number => (position === null ? 0 : Number(parsePosition(position).commit));

/**
 * Projection gauges read from the read-model file when scraped, so they are right whichever process
 * projects: each checkpoint, whether it stopped at an event, and — with the store at hand — how far
 * behind the store's head it is (positions: events on SQLite, log bytes on EventStoreDB).
 */
export function registerReadModelMetrics(metrics: Metrics, readModels: Database, store?: EventStore): void {
  metrics.gauge('sogoc_projection_position', 'Store position each projection has applied.', () =>
    checkpoints(readModels).map((row) => ({ labels: { projection: row.name }, value: commitOf(row.position) })),
  );
  metrics.gauge('sogoc_projection_failed', '1 when a projection stopped at an event it cannot apply.', () =>
    checkpoints(readModels).map((row) => ({ labels: { projection: row.name }, value: row.status === 'failed' ? 1 : 0 })),
  );
  if (!store) return;
  metrics.gauge('sogoc_store_head_position', "Position of the store's last event.", async () => {
    const head = await store.headPosition();
    return [{ labels: {}, value: head ? Number(head.commit) : 0 }];
  });
  metrics.gauge('sogoc_projection_lag', "How far each projection is behind the store's head (events on SQLite).", async () => {
    const head = await store.headPosition();
    const at = head ? Number(head.commit) : 0;
    return checkpoints(readModels).map((row) => ({ labels: { projection: row.name }, value: Math.max(0, at - commitOf(row.position)) }));
  });
}

/**
 * Counts this process's appends by outcome (ok, conflict, error) and the events they carried. The
 * store's own method is wrapped in place, so every writer in the process (HTTP, CLI, audits) is counted.
 */
export function countAppends(store: EventStore, metrics: Metrics): void {
  const appends = metrics.counter('sogoc_store_appends_total', 'Appends to the event store by this process, by outcome.');
  const events = metrics.counter('sogoc_store_appended_events_total', 'Events appended to the event store by this process.');
  const original = store.appendToStream.bind(store);
  store.appendToStream = async (stream, batch, expected) => {
    try {
      const result = await original(stream, batch, expected);
      appends.inc({ outcome: 'ok' });
      events.inc({}, batch.length);
      return result;
    } catch (error) {
      appends.inc({ outcome: error instanceof WrongExpectedRevisionError ? 'conflict' : 'error' });
      throw error;
    }
  };
}
