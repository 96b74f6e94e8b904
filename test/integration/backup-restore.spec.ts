import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type EventStore, type Position, type RecordedEvent } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { ALL_PROJECTIONS, hashTables, openReadModelDatabase, ProjectionRunner } from '@so-goc/projections';
import { loadConfig, receiveBlankLot, type SoGocConfig } from '@so-goc/platform';
import { backupEventStore, restoreEventStore } from '../../apps/cli/src/commands/backup';
import { ctx, issueFixtureDiplomas } from '../support/public-diplomas';

jest.setTimeout(180_000);

const quiet = { log: (): void => undefined, error: (message: string): void => console.error(message) };

/**
 * Issue 16, item 3: a backup taken while the registry writes is a consistent copy of the record up to
 * its position, brings back every read model exactly, and its chain verifies against its checkpoint.
 */
describe('cli backup and restore, drilled while the registry writes', () => {
  const dirs: { path: string; remove(): void }[] = [];
  const tempDir = (label: string): string => {
    const dir = makeTempDir(label);
    dirs.push(dir);
    return dir.path;
  };
  afterAll(() => dirs.forEach((dir) => dir.remove()));

  let original: SoGocConfig;
  let office: SqliteEventStore;
  let backupDir: string;
  let backedUpTo: bigint;
  let writtenAfterBackup = 0;

  beforeAll(async () => {
    original = loadConfig({ SOGOC_DATA_DIR: tempDir('backup-original') });
    office = new SqliteEventStore({ file: join(original.dataDir, 'events.sqlite') });
    await issueFixtureDiplomas(office, { count: 30 });

    // An office at work: blank lots keep arriving, each one an append on its own connection.
    let writing = true;
    let lots = 0;
    const writer = (async () => {
      while (writing) {
        const from = 300001 + lots * 100;
        await receiveBlankLot(
          office,
          {
            type: 'ReceiveBlankLot',
            lotId: `HP-THPT-2025-${lots}`,
            authorityCode: 'SGD-HP',
            kind: 'THPT',
            templateVersion: 'TT21-2019',
            prefix: 'HP',
            width: 7,
            from,
            to: from + 99,
            supplier: 'Nhà in Bộ GDĐT',
            deliveryNote: { number: `PGH-${lots}`, date: '2025-05-20' },
            receivedBy: 'Nguyễn Thị Lan',
            receivedOn: '2025-05-20',
          },
          ctx('2025-05-20T02:00:00.000Z'),
        );
        lots += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    while (lots < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    backupDir = join(tempDir('backup-target'), 'nightly');
    const lotsAtBackup = lots;
    const result = await backupEventStore(original, backupDir);
    backedUpTo = BigInt(result.position);
    while (lots < lotsAtBackup + 20) await new Promise((resolve) => setTimeout(resolve, 5));
    writing = false;
    await writer;
    writtenAfterBackup = Number((await office.headPosition())!.commit - backedUpTo);
  });

  afterAll(async () => {
    await office.close();
  });

  it('was taken mid-stream: the registry went on writing after it', () => {
    expect(writtenAfterBackup).toBeGreaterThan(0);
    expect(existsSync(join(backupDir, 'keys', 'keyring.json'))).toBe(true);
  });

  it('restores into a new directory, verifies the chain against the backup checkpoint, and rebuilds every read model exactly', async () => {
    const restoredDir = join(tempDir('backup-restored'), 'data');
    const verification = await restoreEventStore(backupDir, restoredDir);
    expect(verification.lines).toEqual([
      `Chain verified: ${backedUpTo} events up to position ${backedUpTo}, 1 signed checkpoint(s) matched.`,
    ]);
    expect(verification.ok).toBe(true);

    const restored = new SqliteEventStore({ file: join(restoredDir, 'events.sqlite') });
    expect((await restored.headPosition())?.commit).toBe(backedUpTo);
    const restoredHashes = await replay(restored, join(restoredDir, 'read-models.sqlite'), backedUpTo);
    await restored.close();
    const readModels = new Database(join(restoredDir, 'read-models.sqlite'), { readonly: true });
    // Not two empty models: the lots received before the backup are there (the fixture's lot and at least 20 more).
    expect(readModels.prepare('SELECT COUNT(*) FROM blank_lots').pluck().get()).toBeGreaterThanOrEqual(21);
    readModels.close();

    // The original record, replayed up to the backup's position only.
    const originalHashes = await replay(upTo(office, backedUpTo), join(tempDir('backup-compare'), 'read-models.sqlite'), backedUpTo);
    expect(restoredHashes).toEqual(originalHashes);
    expect(Object.keys(restoredHashes)).toEqual(ALL_PROJECTIONS.map((p) => p.name));
  });

  it('refuses to restore over an existing record, and refuses a backup whose events were altered', async () => {
    await expect(restoreEventStore(backupDir, original.dataDir)).rejects.toThrow(/exists; restore into a new data directory/);

    const tampered = join(tempDir('backup-tampered'), 'copy');
    cpSync(backupDir, tampered, { recursive: true });
    const db = new Database(join(tampered, 'events.sqlite'));
    db.exec('DROP TRIGGER events_are_never_updated');
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.to', 999999) WHERE type = 'BlankLotReceived' AND position = (SELECT MAX(position) FROM events WHERE type = 'BlankLotReceived')`,
    ).run();
    db.close();
    const target = join(tempDir('backup-refused'), 'data');
    const verification = await restoreEventStore(tampered, target);
    expect(verification.ok).toBe(false);
    expect(verification.lines[0]).toMatch(
      /^CHAIN BROKEN at position \d+: event at position \d+ \(.*BlankLotReceived.*\) does not match its hash/,
    );
    expect(existsSync(join(target, 'events.sqlite'))).toBe(false);
  });
});

async function replay(store: EventStore, readModelFile: string, end: bigint): Promise<Record<string, string>> {
  const db = openReadModelDatabase(readModelFile);
  const runner = new ProjectionRunner(store, db, ALL_PROJECTIONS, { logger: quiet });
  runner.start();
  const target: Position = { commit: end, prepare: end };
  await runner.waitUntilCaughtUp(target, 120_000);
  await runner.stop();
  for (const state of runner.states()) expect(state.status).not.toBe('failed');
  const hashes = Object.fromEntries(ALL_PROJECTIONS.map((p) => [p.name, hashTables(db, p.tables)]));
  db.close();
  return hashes;
}

/** The store as it stood at `end`: later events are never handed to a subscriber. */
function upTo(store: EventStore, end: bigint): EventStore {
  return {
    readStream: (stream, options) => store.readStream(stream, options),
    appendToStream: () => Promise.reject(new Error('read only')),
    appendToStreams: () => Promise.reject(new Error('read only')),
    headPosition: () => Promise.resolve({ commit: end, prepare: end }),
    close: () => Promise.resolve(),
    subscribeToAll: (options) => ({
      async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
        for await (const event of store.subscribeToAll(options)) if (event.position.commit <= end) yield event;
      },
    }),
  };
}
