import { join } from 'node:path';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { LookupLog } from './lookup-log';

describe('LookupLog', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir('lookup-log')));
  afterEach(() => temp.remove());

  const rows = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT at, client_hash, channel, query_kind, result, serial_hash FROM lookups ORDER BY id').all() as Record<
        string,
        string | null
      >[];
    } finally {
      db.close();
    }
  };

  it('writes nothing on the request path, a batch per interval or per 500 entries, and the rest on close', async () => {
    const file = join(temp.path, 'lookup-log.sqlite');
    const log = new LookupLog(file, { flushIntervalMs: 60_000, maxBuffered: 500 });
    for (let i = 0; i < 499; i++)
      log.record({ channel: 'api', queryKind: 'serial_register', result: 'VALID', client: '203.0.113.7', serial: 'HP 0200001' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(rows(file)).toHaveLength(0);
    log.record({ channel: 'page', queryKind: 'qr', result: 'FORGED', client: '203.0.113.8' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(rows(file)).toHaveLength(500);
    log.record({ channel: 'page', queryKind: 'serial_holder', result: 'NOT_FOUND', client: '203.0.113.7', serial: 'HP 0200002' });
    log.close();
    const all = rows(file);
    expect(all).toHaveLength(501);
    expect(all[500]).toMatchObject({ channel: 'page', query_kind: 'serial_holder', result: 'NOT_FOUND' });
    expect(statSync(`${file}.key`).mode & 0o777).toBe(0o600);
  });

  it('stores clients and serials only as keyed hashes an auditor with the key can recompute', () => {
    const file = join(temp.path, 'lookup-log.sqlite');
    const log = new LookupLog(file, { hashKey: Buffer.alloc(32, 7) });
    log.record({ channel: 'api', queryKind: 'serial_holder', result: 'VALID', client: '203.0.113.7', serial: 'HP 0200001' });
    log.record({ channel: 'api', queryKind: 'serial_holder', result: 'VALID', client: '203.0.113.9', serial: 'HP 0200001' });
    const expected = log.serialHash('HP 0200001');
    log.close();
    const [a, b] = rows(file);
    expect(JSON.stringify([a, b])).not.toMatch(/203\.0\.113|HP 0200001|0200001/);
    expect(a!['serial_hash']).toBe(expected);
    expect(b!['serial_hash']).toBe(expected);
    expect(a!['client_hash']).not.toBe(b!['client_hash']);
    const other = new LookupLog(join(temp.path, 'other.sqlite'), { hashKey: Buffer.alloc(32, 8) });
    expect(other.serialHash('HP 0200001')).not.toBe(expected);
    other.close();
  });
});

describe('LookupLog refusals and retention (issue 16)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir('lookup-log')));
  afterEach(() => temp.remove());

  const table = (file: string, sql: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as Record<string, string | number>[];
    } finally {
      db.close();
    }
  };

  it('counts refused requests per client, channel and minute instead of storing one row each', () => {
    const file = join(temp.path, 'lookup-log.sqlite');
    let now = new Date('2026-12-04T10:15:05.000Z');
    const log = new LookupLog(file, { hashKey: Buffer.alloc(32, 7), now: () => now });
    for (let i = 0; i < 10_000; i++) log.refused('203.0.113.7', 'api');
    log.refused('203.0.113.7', 'page');
    log.refused('203.0.113.9', 'api');
    log.flush();
    // The same minute again, in a later batch: added to the minute's count, not a second row.
    for (let i = 0; i < 5; i++) log.refused('203.0.113.7', 'api');
    now = new Date('2026-12-04T10:16:00.000Z');
    log.refused('203.0.113.7', 'api');
    log.close();
    const rows = table(file, 'SELECT minute, channel, count FROM refusals ORDER BY minute, channel, count');
    expect(rows).toEqual([
      { minute: '2026-12-04T10:15', channel: 'api', count: 1 },
      { minute: '2026-12-04T10:15', channel: 'api', count: 10_005 },
      { minute: '2026-12-04T10:15', channel: 'page', count: 1 },
      { minute: '2026-12-04T10:16', channel: 'api', count: 1 },
    ]);
    expect(table(file, 'SELECT COUNT(*) AS n FROM lookups')).toEqual([{ n: 0 }]);
    expect(JSON.stringify(table(file, 'SELECT * FROM refusals'))).not.toContain('203.0.113');
  });

  it('deletes lookups and refusal counts older than the retention, and keeps the rest', () => {
    const file = join(temp.path, 'lookup-log.sqlite');
    let now = new Date('2025-01-10T08:00:00.000Z');
    const first = new LookupLog(file, { hashKey: Buffer.alloc(32, 7), now: () => now });
    first.record({ channel: 'api', queryKind: 'qr', result: 'VALID', client: '203.0.113.7' });
    first.refused('203.0.113.7', 'api');
    now = new Date('2025-11-01T08:00:00.000Z');
    first.record({ channel: 'page', queryKind: 'qr', result: 'FORGED', client: '203.0.113.8' });
    first.refused('203.0.113.8', 'page');
    first.close();
    now = new Date('2026-01-20T08:00:00.000Z');
    new LookupLog(file, { hashKey: Buffer.alloc(32, 7), now: () => now, retentionDays: 365 }).close();
    expect(table(file, 'SELECT at, result FROM lookups')).toEqual([{ at: '2025-11-01T08:00:00.000Z', result: 'FORGED' }]);
    expect(table(file, 'SELECT minute, channel FROM refusals')).toEqual([{ minute: '2025-11-01T08:00', channel: 'page' }]);
  });
});

describe('LookupLog beside another writer (the portal cluster, issue 19)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir('lookup-log')));
  afterEach(() => temp.remove());

  it('never waits for a lock another process holds: the batch is kept and written by a later flush', () => {
    const file = join(temp.path, 'lookup-log.sqlite');
    const log = new LookupLog(file, { hashKey: Buffer.alloc(32, 7), flushIntervalMs: 60_000 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    log.record({ channel: 'api', queryKind: 'qr', result: 'VALID', client: '203.0.113.7' });
    log.refused('203.0.113.8', 'api');
    const started = Date.now();
    log.flush();
    expect(Date.now() - started).toBeLessThan(500);
    other.exec('COMMIT');
    log.record({ channel: 'page', queryKind: 'qr', result: 'FORGED', client: '203.0.113.7' });
    log.flush();
    expect(other.prepare('SELECT result FROM lookups ORDER BY id').all()).toEqual([{ result: 'VALID' }, { result: 'FORGED' }]);
    expect(other.prepare('SELECT count FROM refusals').all()).toEqual([{ count: 1 }]);
    other.close();
    log.close();
  });
});
