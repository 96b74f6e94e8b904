import { createHash, randomBytes } from 'node:crypto';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { TokenBucketLimiter, type RateDecision, type RateLimit } from './token-bucket';

export interface RateLimiter {
  take(client: string): RateDecision;
  close(): void;
}

const SWEEP_EVERY = 10_000;

interface BucketRow {
  tokens: number;
  at: number;
}

/**
 * The same token bucket per client as TokenBucketLimiter, kept in a SQLite file that every portal
 * process and node on the data directory shares (issue 20 item 4): a client that spreads its lookups over
 * two portal nodes (or over the workers behind a round-robin proxy) still gets one allowance. Each take is
 * one short write transaction (WAL, synchronous OFF: the buckets are a brake, not a record — a power cut
 * that forgives everyone costs nothing). Clients are stored as salted hashes, never in clear; full
 * buckets are deleted now and then. When the file is busy beyond a few milliseconds the take falls back
 * to this process's own bucket, so a lock never stalls a lookup and the limit still holds per process.
 */
export class SharedTokenBucketLimiter implements RateLimiter {
  private readonly db: Db;
  private readonly perMs: number;
  private readonly salt: Buffer;
  private readonly read: Statement<[string], BucketRow>;
  private readonly write: Statement<[string, number, number]>;
  private readonly sweepFull: Statement<[number, number, number]>;
  private readonly takeShared: (client: string, now: number) => RateDecision;
  private readonly local: TokenBucketLimiter;
  private takesSinceSweep = 0;

  constructor(
    file: string,
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.local = new TokenBucketLimiter(limit, now);
    this.perMs = limit.perMinute / 60_000;
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 1000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS rate_limit_salt (id INTEGER PRIMARY KEY CHECK (id = 1), salt BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS rate_buckets (client_hash TEXT PRIMARY KEY, tokens REAL NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID;
    `);
    this.db.prepare('INSERT OR IGNORE INTO rate_limit_salt (id, salt) VALUES (1, ?)').run(randomBytes(32));
    this.salt = this.db.prepare<[], Buffer>('SELECT salt FROM rate_limit_salt WHERE id = 1').pluck().get()!;
    // On the request path a busy file is not waited for long: the local bucket answers instead.
    this.db.pragma('busy_timeout = 20');
    this.read = this.db.prepare<[string], BucketRow>('SELECT tokens, at FROM rate_buckets WHERE client_hash = ?');
    this.write = this.db.prepare(
      'INSERT INTO rate_buckets (client_hash, tokens, at) VALUES (?, ?, ?) ON CONFLICT (client_hash) DO UPDATE SET tokens = excluded.tokens, at = excluded.at',
    );
    this.sweepFull = this.db.prepare('DELETE FROM rate_buckets WHERE tokens + (? - at) * ? >= ?');
    this.takeShared = this.db
      .transaction((client: string, now: number): RateDecision => {
        const key = this.hash(client);
        const row = this.read.get(key);
        let tokens = row ? Math.min(this.limit.burst, row.tokens + Math.max(0, now - row.at) * this.perMs) : this.limit.burst;
        const allowed = tokens >= 1;
        if (allowed) tokens -= 1;
        this.write.run(key, tokens, now);
        return allowed
          ? { allowed: true }
          : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
      })
      .immediate.bind(undefined);
  }

  take(client: string): RateDecision {
    if (!this.db.open) return this.local.take(client);
    const now = this.now();
    try {
      if (++this.takesSinceSweep >= SWEEP_EVERY) this.sweep(now);
      return this.takeShared(client, now);
    } catch (error) {
      if (!isBusy(error)) throw error;
      return this.local.take(client);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private sweep(now: number): void {
    this.takesSinceSweep = 0;
    this.sweepFull.run(now, this.perMs, this.limit.burst);
  }

  private hash(client: string): string {
    return createHash('sha256').update(this.salt).update(client).digest('base64url');
  }
}

/** Duck-typed: under jest the native addon's error class can come from another realm than `Error`. */
function isBusy(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

/** The in-memory limiter, for a portal that is one process on its own (SOGOC_PORTAL_RATE_LIMIT_STORE=memory). */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly buckets: TokenBucketLimiter;
  constructor(limit: RateLimit, now: () => number = Date.now) {
    this.buckets = new TokenBucketLimiter(limit, now);
  }
  take(client: string): RateDecision {
    return this.buckets.take(client);
  }
  close(): void {
    // nothing held
  }
}
