import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeEventStoreContract, event } from '../testing/event-store.contract';
import { makeTempDir } from '../testing/temp-dir';
import { SqliteEventStore } from './sqlite-event-store';
import { EventIdConflictError } from '../errors';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((dir) => dir.remove()));

function newFile(): string {
  const dir = makeTempDir('contract');
  dirs.push(dir);
  return join(dir.path, 'events.sqlite');
}

describeEventStoreContract('sqlite', async () => new SqliteEventStore({ file: newFile(), pollIntervalMs: 20 }));

describe('SqliteEventStore specifics', () => {
  it('refuses to edit or delete a recorded event, even through raw SQL on the file', async () => {
    const file = newFile();
    const store = new SqliteEventStore({ file });
    await store.appendToStream('diploma-1', [event('DiplomaIssued', { name: 'Lê Văn A' })], 'no_stream');
    await store.close();

    const raw = new Database(file);
    expect(() => raw.prepare("UPDATE events SET data = '{}'").run()).toThrow(/immutable/);
    expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/immutable/);
    expect(raw.prepare('SELECT data FROM events').pluck().get()).toBe('{"name":"Lê Văn A"}');
    raw.close();
  });

  it('keeps events across reopening the file', async () => {
    const file = newFile();
    const first = new SqliteEventStore({ file });
    await first.appendToStream('lot-1', [event('A'), event('B')], 'no_stream');
    await first.close();
    const second = new SqliteEventStore({ file });
    const read = await second.readStream('lot-1');
    expect(read.revision).toBe(1n);
    await second.close();
  });

  it('refuses an event id already recorded on another stream, writing nothing', async () => {
    const store = new SqliteEventStore({ file: newFile() });
    const shared = event('A');
    await store.appendToStream('stream-a', [shared], 'no_stream');
    await expect(store.appendToStream('stream-b', [event('B'), shared], 'no_stream')).rejects.toBeInstanceOf(EventIdConflictError);
    expect((await store.readStream('stream-b')).revision).toBe('no_stream');
    await store.close();
  });
});

describe('SqliteEventStore filtered subscription (issue 20 item 4)', () => {
  it('reads only the wanted types from the file, and reports the head as scanned when the tail is of other types', async () => {
    const store = new SqliteEventStore({ file: newFile(), pollIntervalMs: 20, pageSize: 3 });
    await store.appendToStream('s', [event('A'), event('B'), event('B'), event('A'), event('B'), event('B'), event('B')], 'no_stream');
    const head = (await store.headPosition())!;
    const controller = new AbortController();
    const seen: string[] = [];
    const scanned: bigint[] = [];
    const consumed = (async () => {
      for await (const recorded of store.subscribeToAll({
        signal: controller.signal,
        eventTypes: ['A'],
        onScanned: (position) => scanned.push(position.commit),
      })) {
        seen.push(`${recorded.type}@${recorded.position.commit}`);
      }
    })();
    for (let i = 0; i < 200 && !scanned.includes(head.commit); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await consumed;
    await store.close();
    expect(seen).toEqual(['A@1', 'A@4']);
    expect(scanned.at(-1)).toBe(head.commit);
    // Never a scanned position that goes back, nor one before an event already handed over.
    expect([...scanned].sort((a, b) => (a < b ? -1 : 1))).toEqual(scanned);
    expect(scanned.every((position) => position >= 4n)).toBe(true);
  });
});
