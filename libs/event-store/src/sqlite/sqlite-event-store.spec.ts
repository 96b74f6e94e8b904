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
