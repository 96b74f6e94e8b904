import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type NewEvent, type SubscribeToAllOptions } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { ProjectionRunner } from './projection-runner';
import { openReadModelDatabase } from './read-model-database';
import { countingProjection } from './testing/counting-projection';

const quiet = { log: (): void => undefined, error: (): void => undefined };

const events = (type: string, count: number, amount = 1): NewEvent[] =>
  Array.from({ length: count }, () => ({ id: randomUUID(), type, data: { amount }, metadata: {} }));

/** Issue 20 item 4: one subscription per process, fanned out to its projections, filtered by event type. */
describe('Projection feed', () => {
  const dir = makeTempDir('feed');
  afterAll(() => dir.remove());

  it('serves every projection from one filtered subscription, is caught up when the head is of a type none handles, and applies each event once', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite'), pollIntervalMs: 20, pageSize: 50 });
    await store.appendToStream('lot-a', events('Counted', 120), 'no_stream');
    await store.appendToStream('noise', events('SomethingElse', 300), 'no_stream');
    const subscriptions: SubscribeToAllOptions[] = [];
    const subscribe = store.subscribeToAll.bind(store);
    store.subscribeToAll = (options) => {
      subscriptions.push(options);
      return subscribe(options);
    };
    const db = openReadModelDatabase(join(dir.path, 'read-models.sqlite'));
    const names = ['first', 'second', 'third'];
    const runner = new ProjectionRunner(
      store,
      db,
      names.map((name) => countingProjection({ name })),
      { logger: quiet, batchSize: 40 },
    );
    const totals = (name: string): { events: number; amount: number } =>
      db.prepare(`SELECT events, amount FROM "${name}_stream_totals" WHERE stream = 'lot-a'`).get() as never;
    try {
      runner.start();
      // The head is the last "SomethingElse": no projection handles it, yet they all reach it.
      await runner.waitUntilCaughtUp((await store.headPosition())!, 10_000);
      expect(runner.states().map((state) => [state.name, state.status, state.position?.commit])).toEqual(
        names.map((name) => [name, 'running', 420n]),
      );
      for (const name of names) expect(totals(name)).toEqual({ events: 120, amount: 120 });
      const filtered = subscriptions.filter((options) => options.eventTypes !== undefined);
      expect(filtered).toHaveLength(1);
      expect([...filtered[0]!.eventTypes!].sort()).toEqual(['Counted', 'Poison']);
      expect(runner.feed.subscriptionsOpened).toBe(1);
      expect(runner.readiness().ready).toBe(true);

      // Live events reach all three through the same subscription.
      const live = await store.appendToStream('lot-a', events('Counted', 5, 10), 119n);
      await runner.waitUntilCaughtUp(live.position, 10_000);
      for (const name of names) expect(totals(name)).toEqual({ events: 125, amount: 170 });

      // A projection rebuilt from zero joins behind the feed: it starts again from there, and the others,
      // already past those events, apply none of them twice.
      await runner.rebuild('second');
      const more = await store.appendToStream('lot-a', events('Counted', 1, 1000), 124n);
      await runner.waitUntilCaughtUp(more.position, 10_000);
      for (const name of names) expect(totals(name)).toEqual({ events: 126, amount: 1170 });
      expect(subscriptions.filter((options) => options.eventTypes !== undefined).length).toBeGreaterThanOrEqual(2);
    } finally {
      await runner.stop();
      db.close();
      await store.close();
    }
  });
});
