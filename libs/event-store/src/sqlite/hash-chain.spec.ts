import { join } from 'node:path';
import Database from 'better-sqlite3';
import { event } from '../testing/event-store.contract';
import { makeTempDir } from '../testing/temp-dir';
import { chainHash, GENESIS_HASH, type ChainedRow } from './hash-chain';
import { SqliteEventStore } from './sqlite-event-store';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((dir) => dir.remove()));

function newFile(): string {
  const dir = makeTempDir('chain');
  dirs.push(dir);
  return join(dir.path, 'events.sqlite');
}

async function storeWithTenEvents(): Promise<{ file: string; store: SqliteEventStore }> {
  const file = newFile();
  const store = new SqliteEventStore({ file });
  for (let i = 0; i < 5; i += 1)
    await store.appendToStream(`diploma-${i}`, [event('DiplomaIssued', { i }), event('DiplomaDelivered', { i })], 'no_stream');
  return { file, store };
}

/** What an attacker with write access to the file does: drop the triggers, then edit with plain SQL. */
function tamper(file: string, sql: string, ...params: unknown[]): void {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER events_are_never_updated; DROP TRIGGER events_are_never_deleted;');
  raw.prepare(sql).run(...params);
  raw.close();
}

describe('hash chain of the SQLite store (issue 16)', () => {
  it('chains every appended event over the one before, in append order', async () => {
    const { file, store } = await storeWithTenEvents();
    const report = await store.verifyChain([]);
    expect(report).toMatchObject({ ok: true, eventsChecked: 10 });
    expect(report.head).toEqual(await store.chainHead());
    await store.close();

    const raw = new Database(file, { readonly: true });
    const rows = raw
      .prepare('SELECT position, stream, revision, event_id, type, data, metadata, recorded_at, hash FROM events ORDER BY position')
      .raw()
      .all() as [...ChainedRow, string][];
    raw.close();
    let previous = GENESIS_HASH;
    for (const row of rows) {
      previous = chainHash(previous, row.slice(0, 8) as ChainedRow);
      expect(row[8]).toBe(previous);
    }
    expect(rows.map((row) => row[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('names an event altered in the file', async () => {
    const { file, store } = await storeWithTenEvents();
    await store.close();
    tamper(file, `UPDATE events SET data = '{"i":99}' WHERE position = 4`);
    const reopened = new SqliteEventStore({ file });
    const report = await reopened.verifyChain([]);
    expect(report.ok).toBe(false);
    expect(report.break).toMatchObject({ position: 4n, reason: 'altered', type: 'DiplomaDelivered', stream: 'diploma-1' });
    expect(report.eventsChecked).toBe(3);
    await reopened.close();
  });

  it('names the position of an event deleted from the file', async () => {
    const { file, store } = await storeWithTenEvents();
    await store.close();
    tamper(file, 'DELETE FROM events WHERE position = 6');
    const reopened = new SqliteEventStore({ file });
    expect((await reopened.verifyChain([])).break).toMatchObject({ position: 6n, reason: 'missing' });
    await reopened.close();
  });

  it('names an event inserted into the file, with or without a hash', async () => {
    const { file, store } = await storeWithTenEvents();
    const head = (await store.chainHead())!;
    await store.close();
    tamper(
      file,
      `INSERT INTO events (position, stream, revision, event_id, type, data, metadata, recorded_at, hash) VALUES (11, 'diploma-x', 0, 'forged-1', 'DiplomaIssued', '{}', '{}', 0, ?)`,
      'f'.repeat(64),
    );
    let reopened = new SqliteEventStore({ file });
    expect((await reopened.verifyChain([])).break).toMatchObject({ position: 11n, eventId: 'forged-1', reason: 'altered' });
    await reopened.close();

    tamper(file, `UPDATE events SET hash = NULL WHERE position = 11`);
    reopened = new SqliteEventStore({ file });
    expect((await reopened.verifyChain([])).break).toMatchObject({ position: 11n, reason: 'unchained' });
    // A later append chains on, but the forged event still breaks the chain where it sits.
    await reopened.appendToStream('diploma-y', [event('DiplomaIssued')], 'no_stream');
    expect((await reopened.verifyChain([{ ...head, signedAt: 'then' }])).break).toMatchObject({ position: 11n });
    await reopened.close();
  });

  it('detects a stretch rewritten with recomputed hashes, and a deleted tail, against signed anchors', async () => {
    const { file, store } = await storeWithTenEvents();
    const anchor = { ...(await store.chainHead())!, signedAt: '2026-12-01T00:00:00.000Z' };
    await store.close();

    const raw = new Database(file);
    raw.exec('DROP TRIGGER events_are_never_updated; DROP TRIGGER events_are_never_deleted;');
    raw.prepare(`UPDATE events SET data = '{"i":42}' WHERE position = 7`).run();
    let previous = GENESIS_HASH;
    for (const row of raw
      .prepare('SELECT position, stream, revision, event_id, type, data, metadata, recorded_at FROM events ORDER BY position')
      .raw()
      .all() as ChainedRow[]) {
      previous = chainHash(previous, row);
      raw.prepare('UPDATE events SET hash = ? WHERE position = ?').run(previous, row[0]);
    }
    raw.close();
    let reopened = new SqliteEventStore({ file });
    expect((await reopened.verifyChain([])).ok).toBe(true);
    expect((await reopened.verifyChain([anchor])).break).toMatchObject({ position: 10n, reason: 'rewritten' });
    await reopened.close();

    tamper(file, 'DELETE FROM events WHERE position >= 9');
    reopened = new SqliteEventStore({ file });
    expect((await reopened.verifyChain([anchor])).break).toMatchObject({ position: 9n, reason: 'missing' });
    await reopened.close();
  });

  it('chains a store made before the chain existed from where it stands, and says up to where', async () => {
    const file = newFile();
    const legacy = new Database(file);
    legacy.exec(`
      CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL,
        type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at INTEGER NOT NULL, UNIQUE (stream, revision), UNIQUE (event_id));
      CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE refused'); END;
      CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE refused'); END;`);
    const insert = legacy.prepare(
      `INSERT INTO events (stream, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, 'Old', '{}', '{}', 1)`,
    );
    for (let i = 0; i < 3; i += 1) insert.run('old', i, `old-${i}`);
    legacy.close();

    const store = new SqliteEventStore({ file });
    expect(await store.chainOrigin()).toBe(3n);
    await store.appendToStream('new', [event('New')], 'no_stream');
    expect(await store.verifyChain([])).toMatchObject({ ok: true, eventsChecked: 4 });
    await store.close();

    const raw = new Database(file);
    expect(() => raw.prepare("UPDATE events SET data = '{}'").run()).toThrow(/immutable/);
    raw.close();
    const fresh = new SqliteEventStore({ file: newFile() });
    expect(await fresh.chainOrigin()).toBe(0n);
    await fresh.close();
  });
});

describe('online backup of the SQLite store (issue 16)', () => {
  it('completes while another connection keeps appending, into a copy whose chain verifies', async () => {
    const file = newFile();
    const store = new SqliteEventStore({ file, synchronous: 'NORMAL' });
    const payload = { text: 'Sở Giáo dục và Đào tạo Hải Phòng '.repeat(20) };
    for (let s = 0; s < 100; s += 1)
      await store.appendToStream(
        `seed-${s}`,
        Array.from({ length: 100 }, () => event('Seeded', payload)),
        'no_stream',
      );
    const writer = new SqliteEventStore({ file, synchronous: 'NORMAL' });
    let writing = true;
    let appendsDuringBackup = 0;
    const writes = (async () => {
      for (let i = 0; writing; i += 1) {
        await writer.appendToStream(`live-${i}`, [event('Live', payload)], 'no_stream');
        appendsDuringBackup += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const copyFile = join(makeTempDirFor(), 'copy.sqlite');
    const head = await store.backupTo(copyFile);
    writing = false;
    await writes;
    expect(appendsDuringBackup).toBeGreaterThan(0);

    const copy = new SqliteEventStore({ file: copyFile });
    expect(await copy.chainHead()).toEqual(head);
    const report = await copy.verifyChain([{ ...head!, signedAt: 'backup' }]);
    expect(report).toMatchObject({ ok: true, anchorsMatched: 1 });
    expect(head!.position).toBeGreaterThanOrEqual(10_000n);
    // The copy is the original as it stood at its head: the same hash there.
    expect(await store.verifyChain([{ ...head!, signedAt: 'backup' }])).toMatchObject({ ok: true, anchorsMatched: 1 });
    await Promise.all([copy.close(), writer.close(), store.close()]);
  });
});

function makeTempDirFor(): string {
  const dir = makeTempDir('backup');
  dirs.push(dir);
  return dir.path;
}
