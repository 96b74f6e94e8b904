/**
 * Runs one act that spans streams against a real SQLite file and kills its own process (SIGKILL, no
 * clean-up, as a power cut or an OOM kill would) right after the N-th append has been committed.
 * Usage: crash-child.ts <events.sqlite> <open-print-run|receive-lot|reissue|sign-print-run|record-decision|issue-certificates> <N> [stream prefix]
 * With a stream prefix, only the appends to streams of that prefix are counted (the parts of one large
 * act, issue 20). CRASH_COMMAND_ID sets the command id, so a test can resend under the same one;
 * CRASH_OCCURRED_AT the day the act is recorded (an act under TT10/2026 is recorded after 15/04/2026).
 */
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@so-goc/domain';
import { appendOneAfterAnother, SqliteEventStore, type EventStore } from '@so-goc/event-store';
import { authorityDirectoryCache } from '@so-goc/platform';
import { CRASH_ACTS } from './crash-acts';

async function main(): Promise<void> {
  const [file, act, killAfter, prefix = ''] = process.argv.slice(2) as [string, keyof typeof CRASH_ACTS, string, string?];
  const inner = new SqliteEventStore({ file });
  let appends = 0;
  const countedAppend = async (...args: Parameters<EventStore['appendToStream']>) => {
    const result = await inner.appendToStream(...args);
    if (args[0].startsWith(prefix)) appends += 1;
    if (appends >= Number(killAfter)) process.kill(process.pid, 'SIGKILL');
    return result;
  };
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'appendToStream') return countedAppend;
      // A multi-stream append made one stream at a time, as on EventStoreDB (no multi-stream transaction):
      // the kill can fall between any two of its streams, the harshest cut a resend must complete.
      if (property === 'appendToStreams')
        return (requests: Parameters<EventStore['appendToStreams']>[0]) =>
          appendOneAfterAnother({ appendToStream: countedAppend }, requests);
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as EventStore;
  const commandId = process.env.CRASH_COMMAND_ID ?? randomUUID();
  const context: CommandContext = {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: process.env.CRASH_OCCURRED_AT ?? '2026-03-03T02:00:00.000Z',
  };
  await CRASH_ACTS[act]!(store, await authorityDirectoryCache(store).current(), context);
  process.stdout.write(`completed after ${appends} appends\n`);
  await inner.close();
}

void main();
