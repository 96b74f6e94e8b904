/**
 * One of several processes appending to the same stream of the same SQLite file at the same moment.
 * Usage: racing-appender <events.sqlite> <stream> <racer> <count>
 * Prints "ready", waits for the file <events.sqlite>.go to appear, races, then prints
 * {"racer":…, "conflicts":…}.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { WrongExpectedRevisionError } from '../errors';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';

async function main(): Promise<void> {
  const [file, stream, racer, count] = process.argv.slice(2);
  if (!file || !stream || !racer || !count) throw new Error('usage: racing-appender <file> <stream> <racer> <count>');
  const store = new SqliteEventStore({ file });
  process.stdout.write('ready\n');
  while (!existsSync(`${file}.go`)) await new Promise((resolve) => setTimeout(resolve, 1));
  let conflicts = 0;
  for (let index = 0; index < Number(count); index += 1) {
    const event = { id: randomUUID(), type: 'Raced', data: { racer, index }, metadata: {} };
    for (;;) {
      const { revision } = await store.readStream(stream);
      try {
        await store.appendToStream(stream, [event], revision);
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        conflicts += 1;
      }
    }
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ racer, conflicts })}\n`);
}

void main();
