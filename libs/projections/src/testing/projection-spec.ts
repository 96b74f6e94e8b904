import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { RecordedEvent } from '@so-goc/event-store';
import type { Projection } from '../projection';
import { isAfterCheckpoint } from '../projection-loop';
import { hashTables } from '../table-hash';

let position = 0n;

/** A stored event as the runner hands it to a projection, for literal histories in projection specs. */
export function recorded(
  stream: string,
  type: string,
  data: unknown,
  revision = 0n,
  occurredAt = '2026-03-03T02:00:00.000Z',
): RecordedEvent {
  position += 1n;
  return {
    id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
    stream,
    type,
    revision,
    position: { commit: position, prepare: position },
    data,
    metadata: {
      schemaVersion: 1,
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
      actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
      occurredAt,
    },
    recordedAt: new Date(occurredAt),
  } as RecordedEvent;
}

/**
 * `recorded` for an event written out as the domain types it (`recordedEvent<CopyRequestEvent>(…)`), so a
 * literal history in a spec fails to compile when the event's shape changes instead of testing a stale one.
 */
export function recordedEvent<E extends { readonly type: string; readonly data: unknown }>(
  stream: string,
  event: E,
  options: { readonly revision?: bigint; readonly occurredAt?: string } = {},
): RecordedEvent {
  return recorded(stream, event.type, event.data, options.revision ?? 0n, options.occurredAt);
}

/**
 * Given events, then rows: a projection applied to a fresh in-memory database, as the runner would
 * (only the types it handles). `replayChangesNothing` delivers the whole batch a second time and reports
 * whether that changed any table, which must never happen (architecture §5). Like the runner, it skips
 * what the checkpoint already covers: the checkpoint is the idempotency key (projection-loop). Most
 * projections are not idempotent event by event (plain INSERTs throw on a second apply; coverage and
 * audit-issuance add to counters), so a redelivery that bypassed the checkpoint would not be harmless.
 * Events must be given in store order (ascending position, as `recorded` numbers them when made).
 */
export function givenEvents(projection: Projection, events: readonly RecordedEvent[]) {
  // An event given out of the store's order would be skipped silently as "already applied": refuse the spec instead.
  events.forEach((event, i) => {
    const previous = events[i - 1];
    if (previous && isAfterCheckpoint(previous.position, event.position))
      throw new Error(
        `givenEvents: event ${i} (${event.type}) comes before event ${i - 1} (${previous.type}) in the store; give events in position order`,
      );
  });
  const db: Db = new Database(':memory:');
  projection.createTables(db);
  // As the runner does: each event once, after the checkpoint (projection-loop's commit).
  let checkpoint: RecordedEvent['position'] | undefined;
  const apply = () => {
    for (const event of events) {
      if (!isAfterCheckpoint(event.position, checkpoint)) continue;
      if (projection.handles.includes(event.type)) projection.apply(db, event);
      checkpoint = event.position;
    }
  };
  db.transaction(apply)();
  return {
    db,
    rows<T>(sql: string, ...params: unknown[]): T[] {
      return db.prepare(sql).all(...params) as T[];
    },
    /** The digest of every table the projection declares (table-hash.ts). */
    hash(): string {
      return hashTables(db, projection.tables);
    },
    /** True when replaying the same batch left every table exactly as it was. */
    replayChangesNothing(): boolean {
      const before = hashTables(db, projection.tables);
      db.transaction(apply)();
      return hashTables(db, projection.tables) === before;
    },
  };
}
