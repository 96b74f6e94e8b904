import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { SharedTokenBucketLimiter } from './shared-token-bucket';

describe('SharedTokenBucketLimiter (one allowance across portal nodes, issue 20 item 4)', () => {
  const dir = makeTempDir('rate');
  const file = join(dir.path, 'rate-limit.sqlite');
  afterAll(() => dir.remove());

  it('gives a client one burst across two nodes on the same file, then one lookup per refill interval', () => {
    let now = 1_000_000;
    const nodeA = new SharedTokenBucketLimiter(file, { perMinute: 30, burst: 4 }, () => now);
    const nodeB = new SharedTokenBucketLimiter(file, { perMinute: 30, burst: 4 }, () => now);
    try {
      const answers = [nodeA, nodeB, nodeA, nodeB, nodeA, nodeB].map((node) => node.take('203.0.113.7').allowed);
      expect(answers).toEqual([true, true, true, true, false, false]);
      expect(nodeB.take('203.0.113.7')).toEqual({ allowed: false, retryAfterSeconds: 2 });
      // Another client is not affected.
      expect(nodeB.take('198.51.100.1')).toEqual({ allowed: true });
      now += 2_000;
      expect(nodeA.take('203.0.113.7')).toEqual({ allowed: true });
      expect(nodeB.take('203.0.113.7').allowed).toBe(false);
    } finally {
      nodeA.close();
      nodeB.close();
    }
  });

  it('never stores a client address in clear', () => {
    const limiter = new SharedTokenBucketLimiter(file, { perMinute: 30, burst: 4 });
    limiter.take('192.0.2.55');
    limiter.close();
    const db = new Database(file, { readonly: true });
    const keys = db.prepare<[], string>('SELECT client_hash FROM rate_buckets').pluck().all();
    db.close();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain('192.0.2.55');
    expect(readFileSync(file).includes(Buffer.from('192.0.2.55'))).toBe(false);
  });

  it('answers from its own bucket while another process holds the file, rather than stall a lookup', () => {
    const limiter = new SharedTokenBucketLimiter(file, { perMinute: 30, burst: 2 });
    const other = new Database(file);
    other.pragma('journal_mode = WAL');
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      expect([1, 2, 3].map(() => limiter.take('192.0.2.9').allowed)).toEqual([true, true, false]);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      limiter.close();
    }
  });
});
