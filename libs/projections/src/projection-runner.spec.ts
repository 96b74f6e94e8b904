import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type EventStore, type NewEvent, type Position } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { exited, firstOutputLine, spawnTypeScript } from '../../../test/support/spawn-ts';
import { ProjectionRunner } from './projection-runner';
import { openReadModelDatabase } from './read-model-database';
import { hashTables } from './table-hash';
import { countingProjection } from './testing/counting-projection';

const quiet = { log: (): void => undefined, error: (): void => undefined };

async function seed(store: EventStore, streams: number, perStream: number, type = 'Counted'): Promise<Position> {
  let last: Position | undefined;
  for (let s = 0; s < streams; s += 1) {
    const events: NewEvent[] = Array.from({ length: perStream }, (_, i) => ({
      id: randomUUID(),
      type,
      data: { amount: i + s },
      metadata: {},
    }));
    last = (await store.appendToStream(`lot-${s}`, events, 'any')).position;
  }
  if (!last) throw new Error('nothing seeded');
  return last;
}

async function replayCleanly(eventsFile: string, end: Position, readModelFile: string): Promise<string> {
  const store = new SqliteEventStore({ file: eventsFile });
  const db = openReadModelDatabase(readModelFile);
  const projection = countingProjection();
  const runner = new ProjectionRunner(store, db, [projection], { logger: quiet });
  runner.start();
  await runner.waitUntilCaughtUp(end, 30000);
  await runner.stop();
  const hash = hashTables(db, projection.tables);
  db.close();
  await store.close();
  return hash;
}

function checkpointOf(
  db: Database,
  name: string,
): { position: string | null; status: string; error: string | null; failed_event_id: string | null } | undefined {
  return db.prepare('SELECT position, status, error, failed_event_id FROM projection_checkpoints WHERE name = ?').get(name) as never;
}

describe('Projection runner', () => {
  let dir: { path: string; remove(): void };
  beforeEach(() => (dir = makeTempDir('projections')));
  afterEach(() => dir.remove());

  it('ends equal to a clean full replay after the projector is killed (SIGKILL) mid-stream and restarted', async () => {
    const eventsFile = join(dir.path, 'events.sqlite');
    const liveFile = join(dir.path, 'live.sqlite');
    const store = new SqliteEventStore({ file: eventsFile });
    const end = await seed(store, 40, 100);
    await store.close();

    const child = spawnTypeScript('libs/projections/src/testing/projector-child.ts', [eventsFile, liveFile, '1']);
    expect(await firstOutputLine(child)).toBe('started');
    const live = openReadModelDatabase(liveFile);
    await waitFor(() => Number(checkpointOf(live, 'counting')?.position?.split('/')[0] ?? 0) > 500);
    child.kill('SIGKILL');
    expect((await exited(child)).signal).toBe('SIGKILL');
    const atCrash = Number(checkpointOf(live, 'counting')?.position?.split('/')[0]);
    expect(atCrash).toBeLessThan(Number(end.commit));

    // What was committed is whole: the log holds exactly the events up to the checkpoint.
    const logged = live.prepare('SELECT COUNT(*) FROM counting_event_log').pluck().get();
    expect(logged).toBe(atCrash);

    const restartedStore = new SqliteEventStore({ file: eventsFile });
    const projection = countingProjection();
    const runner = new ProjectionRunner(restartedStore, live, [projection], { logger: quiet });
    runner.start();
    await runner.waitUntilCaughtUp(end, 30000);
    await runner.stop();
    const liveHash = hashTables(live, projection.tables);
    expect(live.prepare('SELECT SUM(events) FROM counting_stream_totals').pluck().get()).toBe(4000);
    live.close();
    await restartedStore.close();

    expect(liveHash).toBe(await replayCleanly(eventsFile, end, join(dir.path, 'clean.sqlite')));
  });

  it('rebuilds from zero to a read model equal to the live one, and rebuilds again on a version bump', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite'), pollIntervalMs: 10 });
    const db = openReadModelDatabase(join(dir.path, 'read.sqlite'));
    const projection = countingProjection();
    const runner = new ProjectionRunner(store, db, [projection], { logger: quiet, batchSize: 64 });
    runner.start();
    // Events arrive while the projection is live, in many small appends.
    let end: Position | undefined;
    for (let i = 0; i < 30; i += 1) end = await seed(store, 3, 7);
    await runner.waitUntilCaughtUp(end!);
    const liveHash = hashTables(db, projection.tables);

    await runner.rebuild('counting');
    await runner.waitUntilCaughtUp(end!);
    expect(hashTables(db, projection.tables)).toBe(liveHash);
    await runner.stop();

    const bumped = countingProjection({ version: 2 });
    const next = new ProjectionRunner(store, db, [bumped], { logger: quiet });
    db.prepare("INSERT INTO counting_stream_totals VALUES ('stale-row', 1, 1)").run();
    next.start();
    await next.waitUntilCaughtUp(end!);
    await next.stop();
    expect(hashTables(db, bumped.tables)).toBe(liveHash);
    db.close();
    await store.close();
  });

  it('stops a projection loudly at a poison event, keeps its last good state, and lets the others run on', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite'), pollIntervalMs: 10 });
    const db = openReadModelDatabase(join(dir.path, 'read.sqlite'));
    await seed(store, 2, 10);
    const poison = await store.appendToStream('lot-poison', [{ id: randomUUID(), type: 'Poison', data: {}, metadata: {} }], 'no_stream');
    const end = await seed(store, 2, 10);

    const errors: string[] = [];
    const fragile = countingProjection({ name: 'fragile', poisonWhen: (event) => event.type === 'Poison' });
    const healthy = countingProjection({ name: 'healthy' });
    const runner = new ProjectionRunner(store, db, [fragile, healthy], { logger: { log: () => undefined, error: (m) => errors.push(m) } });
    runner.start();
    await runner.waitUntilCaughtUp(end);

    const states = Object.fromEntries(runner.states().map((state) => [state.name, state]));
    expect(states.fragile?.status).toBe('failed');
    expect(states.healthy?.status).toBe('running');
    expect(errors.join('\n')).toMatch(/PROJECTION STOPPED: Projection fragile stopped at event .* \(Poison, stream lot-poison/);

    const fragileCheckpoint = checkpointOf(db, 'fragile');
    expect(fragileCheckpoint?.status).toBe('failed');
    expect(fragileCheckpoint?.failed_event_id).toBe(states.fragile?.failedEventId);
    expect(Number(fragileCheckpoint?.position?.split('/')[0] ?? 0)).toBeLessThan(Number(poison.position.commit));
    expect(db.prepare("SELECT COUNT(*) FROM fragile_event_log WHERE stream = 'lot-poison'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT SUM(events) FROM healthy_stream_totals').pluck().get()).toBe(41);

    // A restart does not skip the poison: it stops there again.
    await runner.stop();
    const again = new ProjectionRunner(store, db, [fragile], { logger: quiet });
    again.start();
    await again.waitUntilCaughtUp(end);
    expect(again.states()[0]?.status).toBe('failed');
    await again.stop();
    db.close();
    await store.close();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
