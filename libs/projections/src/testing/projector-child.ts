/**
 * Runs the counting projection in its own process so that a test can kill it with SIGKILL mid-batch.
 * Usage: projector-child <events.sqlite> <read-models.sqlite> <slowMs>
 */
import { SqliteEventStore } from '@so-goc/event-store';
import { ProjectionRunner } from '../projection-runner';
import { openReadModelDatabase } from '../read-model-database';
import { countingProjection } from './counting-projection';

const [eventsFile, readModelFile, slowMs] = process.argv.slice(2);
if (!eventsFile || !readModelFile) throw new Error('usage: projector-child <events> <read-models> [slowMs]');
const store = new SqliteEventStore({ file: eventsFile });
const db = openReadModelDatabase(readModelFile);
const runner = new ProjectionRunner(store, db, [countingProjection({ slowMs: Number(slowMs ?? 0) })], {
  batchSize: 50,
  logger: { log: () => undefined, error: (message) => console.error(message) },
});
runner.start();
process.stdout.write('started\n');
