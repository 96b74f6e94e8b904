/**
 * Runs one act that spans streams against a real SQLite file and kills its own process (SIGKILL, no
 * clean-up, as a power cut or an OOM kill would) right after the N-th append has been committed.
 * Usage: crash-child.ts <events.sqlite> <open-print-run|receive-lot|reissue|sign-print-run> <N>
 */
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@so-goc/domain';
import { SqliteEventStore, type EventStore } from '@so-goc/event-store';
import { authorityDirectoryCache } from '@so-goc/platform';
import { CRASH_ACTS } from './crash-acts';

async function main(): Promise<void> {
  const [file, act, killAfter] = process.argv.slice(2) as [string, keyof typeof CRASH_ACTS, string];
  const inner = new SqliteEventStore({ file });
  let appends = 0;
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'appendToStream') {
        return async (...args: Parameters<EventStore['appendToStream']>) => {
          const result = await target.appendToStream(...args);
          appends += 1;
          if (appends >= Number(killAfter)) process.kill(process.pid, 'SIGKILL');
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as EventStore;
  const commandId = randomUUID();
  const context: CommandContext = {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: '2026-03-03T02:00:00.000Z',
  };
  await CRASH_ACTS[act]!(store, await authorityDirectoryCache(store).current(), context);
  process.stdout.write(`completed after ${appends} appends\n`);
  await inner.close();
}

void main();
