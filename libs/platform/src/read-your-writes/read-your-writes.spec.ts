import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { openReadModelDatabase, ProjectionRunner } from '@so-goc/projections';
import { countingProjection } from '@so-goc/projections/testing/counting-projection';
import { ReadYourWrites } from './read-your-writes';

const quiet = { log: (): void => undefined, error: (): void => undefined };

/** Issue 20 item 4: an officers' API node that does not project waits for the position it wrote. */
describe('ReadYourWrites on a node without the projector', () => {
  const dir = makeTempDir('ryw');
  afterAll(() => dir.remove());

  it('waits until another connection’s projector has applied what this node wrote, and no longer than the bound', async () => {
    const eventsFile = join(dir.path, 'events.sqlite');
    const readModelFile = join(dir.path, 'read-models.sqlite');
    const projection = countingProjection();
    // The projector: its own store connection and the writable read-model file, as another process has them.
    const projectorStore = new SqliteEventStore({ file: eventsFile, pollIntervalMs: 150 });
    const projectorDb = openReadModelDatabase(readModelFile);
    const runner = new ProjectionRunner(projectorStore, projectorDb, [projection], { logger: quiet });
    // The API node: a store connection of its own, the read models read-only.
    const apiStore = new SqliteEventStore({ file: eventsFile });
    const apiDb = openReadModelDatabase(readModelFile, { readonly: true });
    const settled = new ReadYourWrites(apiStore, apiDb, { timeoutMs: 2_000, projections: [projection] });
    try {
      expect(await settled.settle()).toBe('nothing-written');
      runner.start();
      while (runner.states()[0]!.status !== 'running') await new Promise((resolve) => setTimeout(resolve, 5));
      await apiStore.appendToStream('lot-1', [{ id: randomUUID(), type: 'Counted', data: { amount: 7 }, metadata: {} }], 'no_stream');
      // Another process's append is found by the projector's poll (150 ms here): without the wait, the read would likely miss it.
      expect(await settled.settle()).toBe('reached');
      expect(apiDb.prepare("SELECT amount FROM counting_stream_totals WHERE stream = 'lot-1'").pluck().get()).toBe(7);

      // The projector stops: the wait ends at the bound, and the read goes ahead.
      await runner.stop();
      await apiStore.appendToStream('lot-1', [{ id: randomUUID(), type: 'Counted', data: { amount: 1 }, metadata: {} }], 0n);
      const quick = new ReadYourWrites(apiStore, apiDb, { timeoutMs: 200, projections: [projection] });
      const started = Date.now();
      expect(await quick.settle()).toBe('timed-out');
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await runner.stop();
      projectorDb.close();
      apiDb.close();
      await projectorStore.close();
      await apiStore.close();
    }
  });
});
