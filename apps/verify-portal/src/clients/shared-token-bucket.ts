import { createHash, randomBytes } from 'node:crypto';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { TokenBucketLimiter, type RateDecision, type RateLimit } from './token-bucket';

export interface RateLimiter {
  take(client: string): RateDecision;
  close(): void;
}

const SWEEP_EVERY = 10_000;
/** A lease of tokens is spent locally for at most this long; what is left goes back at the next sync. */
export const LEASE_MS = 250;
/** The most tokens one node takes from the shared bucket in one transaction. */
export const MAX_LEASE = 64;
/** A lease is at most this share of what the shared bucket holds, so the other nodes keep the rest. */
const LEASE_SHARE = 4;
const MAX_LEASED_CLIENTS = 100_000;

interface Lease {
  /** Tokens taken from the shared bucket and not yet spent by this process. */
  tokens: number;
  /** When the lease was taken (ms); it is spent locally until `at + LEASE_MS`. */
  at: number;
  /** The size of the next lease: doubles while a client keeps spending whole leases, up to MAX_LEASE. */
  next: number;
}

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
 *
 * The file is not written on every lookup (issue 19 item 1: a transaction per take cost ~100 µs, most of a
 * lookup): a node takes a *lease* of tokens from the shared bucket in one transaction and spends it
 * locally for at most LEASE_MS. A lease starts at one token, doubles while the client keeps spending
 * whole leases, and is never more than MAX_LEASE nor a LEASE_SHARE-th of what the bucket holds (at
 * least one). The bound, across any number of nodes: a client is NEVER allowed more than the shared bucket
 * holds — every lookup allowed spends a token that left the shared bucket. What the leases cost is the
 * other direction: tokens leased by one node and not spent within LEASE_MS are unavailable to the other
 * nodes until that node syncs again (they are then given back), at most a quarter of the bucket per node.
 * A client that keeps within the default limit (burst 10, 30/min) gets one-token leases, i.e. exactly the
 * per-lookup shared bucket; a client hammering one node pays one transaction per up to 64 lookups.
 */
export class SharedTokenBucketLimiter implements RateLimiter {
  private readonly db: Db;
  private readonly perMs: number;
  private readonly salt: Buffer;
  private readonly read: Statement<[string], BucketRow>;
  private readonly write: Statement<[string, number, number]>;
  private readonly sweepFull: Statement<[number, number, number]>;
  private readonly takeShared: (client: string, now: number, giveBack: number, want: number) => LeaseDecision;
  private readonly local: TokenBucketLimiter;
  private readonly leases = new Map<string, Lease>();
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
      .transaction((client: string, now: number, giveBack: number, want: number): LeaseDecision => {
        const key = this.hash(client);
        const row = this.read.get(key);
        const refilled = row ? row.tokens + Math.max(0, now - row.at) * this.perMs : this.limit.burst;
        let tokens = Math.min(this.limit.burst, refilled + giveBack);
        if (tokens < 1) {
          this.write.run(key, tokens, now);
          return { leased: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
        }
        const leased = Math.max(1, Math.min(want, Math.floor(tokens / LEASE_SHARE)));
        tokens -= leased;
        this.write.run(key, tokens, now);
        return { leased, retryAfterSeconds: 0 };
      })
      .immediate.bind(undefined);
  }

  take(client: string): RateDecision {
    if (!this.db.open) return this.local.take(client);
    const now = this.now();
    const lease = this.leases.get(client);
    if (lease !== undefined && lease.tokens >= 1 && now - lease.at < LEASE_MS) {
      lease.tokens -= 1;
      return ALLOWED;
    }
    return this.sync(client, now, lease);
  }

  /** One transaction: give back what is left of an expired lease, take a new one (or be refused). */
  private sync(client: string, now: number, lease: Lease | undefined): RateDecision {
    const spentWhole = lease !== undefined && lease.tokens < 1 && now - lease.at < LEASE_MS;
    const want = lease === undefined ? 1 : spentWhole ? Math.min(MAX_LEASE, lease.next * 2) : 1;
    const giveBack = lease === undefined ? 0 : Math.max(0, Math.floor(lease.tokens));
    let decision: LeaseDecision;
    try {
      if (++this.takesSinceSweep >= SWEEP_EVERY) this.sweep(now);
      decision = this.takeShared(client, now, giveBack, want);
    } catch (error) {
      if (!isBusy(error)) throw error;
      return this.local.take(client);
    }
    if (decision.leased === 0) {
      this.leases.delete(client);
      return { allowed: false, retryAfterSeconds: decision.retryAfterSeconds };
    }
    if (lease === undefined && this.leases.size >= MAX_LEASED_CLIENTS) this.dropExpiredLeases(now);
    const tokens = decision.leased - 1;
    if (lease === undefined) this.leases.set(client, { tokens, at: now, next: decision.leased });
    else {
      lease.tokens = tokens;
      lease.at = now;
      lease.next = decision.leased;
    }
    return ALLOWED;
  }

  /** Expired leases are forgotten: their leftover tokens are lost to the client until the bucket refills them. */
  private dropExpiredLeases(now: number): void {
    for (const [client, lease] of this.leases) if (now - lease.at >= LEASE_MS) this.leases.delete(client);
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

interface LeaseDecision {
  readonly leased: number;
  readonly retryAfterSeconds: number;
}

const ALLOWED: RateDecision = Object.freeze({ allowed: true });

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
