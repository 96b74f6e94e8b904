import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { LEASE_MS, MAX_LEASE, SharedTokenBucketLimiter } from './shared-token-bucket';

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

  it('never allows a client more than the shared bucket holds, however two nodes share its lookups (leases, issue 19 item 1)', () => {
    let now = 5_000_000;
    const limit = { perMinute: 0.001, burst: 1_000 };
    const nodeA = new SharedTokenBucketLimiter(file, limit, () => now);
    const nodeB = new SharedTokenBucketLimiter(file, limit, () => now);
    try {
      let allowed = 0;
      // A pseudo-random spread over the two nodes, time moving 1 ms a lookup (leases expire and come back).
      let seed = 7;
      for (let i = 0; i < 3_000; i++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        const node = seed % 3 === 0 ? nodeB : nodeA;
        if (node.take('203.0.113.50').allowed) allowed++;
        now += 1;
      }
      expect(allowed).toBeLessThanOrEqual(1_000);
      // Leases given back at the next sync: almost the whole bucket was spent, nothing beyond it.
      expect(allowed).toBeGreaterThan(1_000 - 2 * MAX_LEASE);
    } finally {
      nodeA.close();
      nodeB.close();
    }
  });

  it('a node hammered by one client writes the file once per lease, not once per lookup', () => {
    const now = 9_000_000;
    const limiter = new SharedTokenBucketLimiter(file, { perMinute: 1_000_000, burst: 1_000_000 }, () => now);
    const db = new Database(file, { readonly: true });
    const tokensLeft = (): number => {
      const rows = db.prepare<[], number>('SELECT tokens FROM rate_buckets WHERE at = 9000000').pluck().all();
      return rows[0] ?? -1;
    };
    try {
      expect(limiter.take('198.51.100.77').allowed).toBe(true);
      const afterFirst = tokensLeft();
      expect(afterFirst).toBe(1_000_000 - 1);
      for (let i = 0; i < 1_000; i++) expect(limiter.take('198.51.100.77').allowed).toBe(true);
      // Leases of 2, 4, …, 64, 64, …: the shared bucket lost at least what was allowed, in ~20 writes.
      expect(tokensLeft()).toBeLessThanOrEqual(1_000_000 - 1_001);
      expect(tokensLeft()).toBeGreaterThan(1_000_000 - 1_001 - MAX_LEASE);
    } finally {
      db.close();
      limiter.close();
    }
  });

  it('gives back an unspent lease at the next sync, so another node is not short for longer than a lease', () => {
    let now = 20_000_000;
    const limit = { perMinute: 0.001, burst: 400 };
    const nodeA = new SharedTokenBucketLimiter(file, limit, () => now);
    const nodeB = new SharedTokenBucketLimiter(file, limit, () => now);
    try {
      for (let i = 0; i < 100; i++) expect(nodeA.take('192.0.2.200').allowed).toBe(true);
      now += LEASE_MS; // A's lease has expired with tokens left in it
      nodeA.take('192.0.2.200'); // …and A's next sync gives them back
      let onB = 0;
      while (nodeB.take('192.0.2.200').allowed) onB++;
      expect(onB).toBeGreaterThanOrEqual(400 - 101 - MAX_LEASE);
      expect(101 + onB).toBeLessThanOrEqual(400);
    } finally {
      nodeA.close();
      nodeB.close();
    }
  });
});
