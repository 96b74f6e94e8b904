import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore, type Position } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { ProjectionRunner } from './projection-runner';
import { openReadModelDatabase } from './read-model-database';
import { hashTables } from './table-hash';
import { countingProjection } from './testing/counting-projection';

const quiet = { log: (): void => undefined, error: (): void => undefined };

/** Issue 16, item 4: a rebuild never leaves readers with an empty or half-built read model. */
describe('Projection rebuilt beside the live one', () => {
  let dir: { path: string; remove(): void };
  let store: SqliteEventStore;
  let end: Position;
  beforeEach(async () => {
    dir = makeTempDir('rebuild-beside');
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite'), pollIntervalMs: 10 });
    for (let s = 0; s < 40; s += 1) {
      end = (
        await store.appendToStream(
          `lot-${s}`,
          Array.from({ length: 10 }, (_, i) => ({ id: randomUUID(), type: 'Counted', data: { amount: i }, metadata: {} })),
          'no_stream',
        )
      ).position;
    }
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('on a version bump, keeps the old tables answering until the new version has caught up, then swaps', async () => {
    const file = join(dir.path, 'read.sqlite');
    const db = openReadModelDatabase(file);
    const v1 = countingProjection();
    const first = new ProjectionRunner(store, db, [v1], { logger: quiet });
    first.start();
    await first.waitUntilCaughtUp(end);
    await first.stop();
    const v1Hash = hashTables(db, v1.tables);
    db.prepare("INSERT INTO counting_stream_totals VALUES ('only-in-v1', 1, 1)").run();
    const withV1Marker = hashTables(db, v1.tables);

    const v2 = countingProjection({ version: 2, slowMs: 2 });
    const second = new ProjectionRunner(store, db, [v2], { logger: quiet, batchSize: 20 });
    second.start();
    const seen = new Set<string>();
    const readiness = new Set<boolean>();
    while (second.states()[0]?.status !== 'running') {
      seen.add(hashTables(db, v2.tables));
      readiness.add(second.readiness().ready);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Readers only ever saw the old model while the new one was built beside it.
    expect([...seen]).toEqual([withV1Marker]);
    expect([...readiness]).toEqual([false]);
    expect(existsSync(`${file}.rebuild-counting`)).toBe(false);
    expect(hashTables(db, v2.tables)).toBe(v1Hash);
    expect(db.prepare("SELECT version FROM projection_checkpoints WHERE name = 'counting'").pluck().get()).toBe(2);
    await second.waitUntilCaughtUp(end);
    expect(second.readiness()).toMatchObject({ ready: true, waitingFor: [] });
    await second.stop();
    db.close();
  });

  it('rebuilds while the live model keeps following new events, and ends equal to a full replay', async () => {
    const db = openReadModelDatabase(join(dir.path, 'read.sqlite'));
    const projection = countingProjection({ slowMs: 1 });
    const runner = new ProjectionRunner(store, db, [projection], { logger: quiet, batchSize: 25 });
    runner.start();
    await runner.waitUntilCaughtUp(end);
    db.prepare("INSERT INTO counting_stream_totals VALUES ('drift', 1, 1)").run();

    const rebuilding = runner.rebuild('counting');
    let last = end;
    for (let i = 0; i < 5; i += 1) {
      last = (
        await store.appendToStream(`late-${i}`, [{ id: randomUUID(), type: 'Counted', data: { amount: 100 }, metadata: {} }], 'no_stream')
      ).position;
      // The live model follows them even while the rebuild runs.
      expect(db.prepare("SELECT COUNT(*) FROM counting_stream_totals WHERE stream = 'drift'").pluck().get()).toBe(1);
    }
    await rebuilding;
    await runner.waitUntilCaughtUp(last);
    expect(db.prepare("SELECT COUNT(*) FROM counting_stream_totals WHERE stream = 'drift'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT SUM(events) FROM counting_stream_totals').pluck().get()).toBe(405);
    expect(db.prepare('SELECT COUNT(*) FROM counting_event_log').pluck().get()).toBe(405);
    await runner.stop();
    db.close();
  });
});
