import { randomUUID } from 'node:crypto';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LOG_CHECKPOINT_STREAM } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { chainHash, GENESIS_HASH, type ChainedRow } from '@so-goc/event-store/sqlite/hash-chain';
import { FileKeyring, LogWatch, loadConfig, type SoGocConfig } from '@so-goc/platform';
import { loadDemoProvinceInto } from '../../apps/cli/src/commands/demo-province';
import { checkpointNow, verifyLogNow } from '../../apps/cli/src/commands/event-log';

/**
 * Issue 16, item 2: whoever can write events.sqlite can drop the triggers and edit it with plain SQL.
 * The chain and the signed checkpoints must name what was done, through `cli verify-log`.
 */
const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((dir) => dir.remove()));

let original: SoGocConfig;

beforeAll(async () => {
  const dir = makeTempDir('tamper');
  dirs.push(dir);
  original = loadConfig({ SOGOC_DATA_DIR: dir.path });
  const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  await loadDemoProvinceInto(store);
  await store.close();
  expect(await checkpointNow(original)).toMatch(/^Checkpoint signed: position \d+/);
});

/** A copy of the data directory as it stood after the checkpoint, for one attack. */
function copyOfOriginal(): { config: SoGocConfig; file: string } {
  const dir = makeTempDir('tamper-copy');
  dirs.push(dir);
  cpSync(original.dataDir, dir.path, { recursive: true });
  return { config: loadConfig({ SOGOC_DATA_DIR: dir.path }), file: join(dir.path, 'events.sqlite') };
}

function attack(file: string, work: (db: Database.Database) => void): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER IF EXISTS events_are_never_updated; DROP TRIGGER IF EXISTS events_are_never_deleted;');
  work(db);
  db.close();
}

const countEvents = (file: string): number => {
  const db = new Database(file, { readonly: true });
  const count = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  db.close();
  return count;
};

describe('verify-log names the event an attacker touched (issue 16)', () => {
  it('verifies the untouched log against its signed checkpoint', async () => {
    const result = await verifyLogNow(original);
    expect(result.ok).toBe(true);
    expect(result.lines[0]).toMatch(/^Chain verified: \d+ events up to position \d+, 1 signed checkpoint\(s\) matched\.$/);
  });

  it('names an event inserted with the sqlite3 tool (an invented graduate for the portal)', async () => {
    const { config, file } = copyOfOriginal();
    const before = countEvents(file);
    attack(file, (db) =>
      db
        .prepare(
          `INSERT INTO events (stream, revision, event_id, type, data, metadata, recorded_at) VALUES ('diploma-forged', 0, 'forged-event', 'DiplomaIssued', '{"fullName":"Nguyễn Văn Giả"}', '{}', 1)`,
        )
        .run(),
    );
    const result = await verifyLogNow(config);
    expect(result.ok).toBe(false);
    expect(result.chain?.break).toMatchObject({ position: BigInt(before + 1), eventId: 'forged-event', reason: 'unchained' });
    expect(result.lines[0]).toContain(`CHAIN BROKEN at position ${before + 1}`);
    expect(result.lines[0]).toContain('forged-event');
  });

  it('names an event altered in place', async () => {
    const { config, file } = copyOfOriginal();
    let target = { position: 0, id: '' };
    attack(file, (db) => {
      const row = db
        .prepare("SELECT position, event_id FROM events WHERE type = 'OfficerAccountCreated' ORDER BY position LIMIT 1")
        .raw()
        .get() as [number, string];
      target = { position: row[0], id: row[1] };
      db.prepare(
        `UPDATE events SET data = json_set(data, '$.roles', json('["administrator","signer"]'), '$.tampered', 1) WHERE position = ?`,
      ).run(target.position);
    });
    const result = await verifyLogNow(config);
    expect(result.chain?.break).toMatchObject({ position: BigInt(target.position), eventId: target.id, reason: 'altered' });
  });

  it('names the position of a deleted event', async () => {
    const { config, file } = copyOfOriginal();
    attack(file, (db) => db.prepare('DELETE FROM events WHERE position = 5').run());
    const result = await verifyLogNow(config);
    expect(result.chain?.break).toMatchObject({ position: 5n, reason: 'missing' });
    expect(result.lines[0]).toContain('position 5 is missing');
  });

  it('catches a rewrite that recomputes every hash and drops the checkpoint, by the published checkpoint', async () => {
    const publishedDir = makeTempDir('published');
    dirs.push(publishedDir);
    const published = join(publishedDir.path, 'checkpoints.json');
    const store = new SqliteEventStore({ file: join(original.dataDir, 'events.sqlite') });
    const checkpoints = (await store.readStream(LOG_CHECKPOINT_STREAM)).events.map((e) => e.data);
    await store.close();
    writeFileSync(published, JSON.stringify({ checkpoints }));

    const { config, file } = copyOfOriginal();
    attack(file, (db) => {
      db.prepare(`DELETE FROM events WHERE stream = ?`).run(LOG_CHECKPOINT_STREAM);
      db.prepare(`UPDATE events SET data = json_set(data, '$.fullName', 'Kẻ Giả Mạo') WHERE position = 3`).run();
      let previous = GENESIS_HASH;
      for (const row of db
        .prepare('SELECT position, stream, revision, event_id, type, data, metadata, recorded_at FROM events ORDER BY position')
        .raw()
        .all() as ChainedRow[]) {
        previous = chainHash(previous, row);
        db.prepare('UPDATE events SET hash = ? WHERE position = ?').run(previous, row[0]);
      }
    });
    expect((await verifyLogNow(config)).ok).toBe(true);
    const result = await verifyLogNow(config, { published });
    expect(result.ok).toBe(false);
    expect(result.chain?.break?.reason).toBe('rewritten');
  });

  it('refuses a checkpoint whose signature does not verify', async () => {
    const { config } = copyOfOriginal();
    const forged = join(config.dataDir, 'forged-checkpoints.json');
    const store = new SqliteEventStore({ file: join(config.dataDir, 'events.sqlite') });
    const [checkpoint] = (await store.readStream(LOG_CHECKPOINT_STREAM)).events.map((e) => e.data as { hash: string });
    await store.close();
    writeFileSync(forged, JSON.stringify({ checkpoints: [{ ...checkpoint, hash: 'f'.repeat(64) }] }));
    const result = await verifyLogNow(config, { published: forged });
    expect(result.ok).toBe(false);
    expect(result.lines.some((line) => line.startsWith('CHECKPOINT REFUSED') && line.includes('does not verify'))).toBe(true);
  });

  it('the running system checks on its own: logs a break, and signs a checkpoint once a day', async () => {
    const { config, file } = copyOfOriginal();
    const errors: string[] = [];
    const logs: string[] = [];
    const store = new SqliteEventStore({ file });
    let now = new Date();
    const watch = new LogWatch(store, FileKeyring.forConfig(config), {
      logger: { log: (m) => logs.push(m), error: (m) => errors.push(m) },
      now: () => now,
    });
    await watch.tick();
    expect(errors).toEqual([]);
    expect(logs).toEqual([]); // the checkpoint of beforeAll is less than a day old
    now = new Date(now.getTime() + 25 * 3_600_000);
    await watch.tick();
    expect(logs).toEqual([]); // a day on, but nothing new to vouch for
    await store.appendToStream('authority-note', [{ id: randomUUID(), type: 'NoteRecorded', data: {}, metadata: {} }], 'no_stream');
    await watch.tick();
    expect(logs).toEqual([expect.stringMatching(/^Event log checkpoint signed at position \d+$/)]);
    expect((await store.readStream(LOG_CHECKPOINT_STREAM)).events).toHaveLength(2);

    attack(file, (db) => db.prepare('DELETE FROM events WHERE position = 7').run());
    await watch.tick();
    expect(errors).toEqual([expect.stringContaining('EVENT LOG CHECK FAILED: CHAIN BROKEN at position 7')]);
    expect(watch.lastVerification()?.ok).toBe(false);
    await store.close();
  });
});
