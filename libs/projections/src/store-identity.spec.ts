import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type Position } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { ProjectionRunner } from './projection-runner';
import { openReadModelDatabase } from './read-model-database';
import { hashTables } from './table-hash';
import { countingProjection } from './testing/counting-projection';

/** Issue 20 item 4: a read-model file belongs to the store it was built from; pointed at another, the projector refuses. */
const quiet = { log: (): void => undefined, error: (): void => undefined };

async function seed(store: EventStore, count: number): Promise<Position> {
  let last: Position | undefined;
  for (let i = 0; i < count; i += 1)
    last = (await store.appendToStream(`lot-${i}`, [{ id: randomUUID(), type: 'Counted', data: { amount: i }, metadata: {} }], 'any'))
      .position;
  return last!;
}

describe('read models bound to their store (issue 20 item 4)', () => {
  let dir: { path: string; remove(): void };
  beforeEach(() => (dir = makeTempDir('store-identity')));
  afterEach(() => dir.remove());

  it('refuses to project another store’s events into read models built from the first, leaving them as they were and not ready', async () => {
    const first = new SqliteEventStore({ file: join(dir.path, 'first.sqlite') });
    const other = new SqliteEventStore({ file: join(dir.path, 'other.sqlite') });
    const readModelFile = join(dir.path, 'read-models.sqlite');
    const projection = countingProjection();
    try {
      const end = await seed(first, 20);
      await seed(other, 30);
      let db = openReadModelDatabase(readModelFile);
      const runner = new ProjectionRunner(first, db, [projection], { logger: quiet });
      runner.start();
      await runner.waitUntilCaughtUp(end);
      await runner.stop();
      const before = hashTables(db, projection.tables);
      db.close();

      // The same file, now given another store (a wrong data directory, a store restored from elsewhere).
      db = openReadModelDatabase(readModelFile);
      const errors: string[] = [];
      const mixed = new ProjectionRunner(other, db, [projection], { logger: { log: () => undefined, error: (m) => errors.push(m) } });
      mixed.start();
      await mixed.waitUntilCaughtUp(end, 5_000);
      expect(mixed.states()).toEqual([
        expect.objectContaining({ name: 'counting', status: 'failed', error: expect.stringContaining('another event store') }),
      ]);
      expect(errors.join('\n')).toMatch(/PROJECTOR REFUSED: .*delete it/);
      expect(hashTables(db, projection.tables)).toBe(before);
      expect(mixed.readiness().ready).toBe(false);
      await mixed.stop();

      // With its own store again it carries on.
      const again = new ProjectionRunner(first, db, [projection], { logger: quiet });
      again.start();
      await again.waitUntilCaughtUp(end);
      expect(again.states()[0]).toMatchObject({ status: 'running' });
      await again.stop();
      db.close();
    } finally {
      await first.close();
      await other.close();
    }
  });

  it('refuses read models that have projected events when the store is empty', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    const projection = countingProjection();
    const db = openReadModelDatabase(join(dir.path, 'read-models.sqlite'));
    try {
      db.prepare(
        `INSERT INTO projection_checkpoints (name, version, position, status, updated_at) VALUES ('counting', 1, '5/5', 'running', 'x')`,
      ).run();
      const runner = new ProjectionRunner(store, db, [projection], { logger: quiet });
      runner.start();
      await runner.waitUntilCaughtUp({ commit: 5n, prepare: 5n }, 5_000);
      expect(runner.states()[0]).toMatchObject({ status: 'failed', error: expect.stringContaining("this store's: none, it is empty") });
      await runner.stop();
    } finally {
      db.close();
      await store.close();
    }
  });
});
