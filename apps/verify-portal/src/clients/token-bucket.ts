export interface RateLimit {
  /** Sustained lookups a client may make per minute. */
  readonly perMinute: number;
  /** Lookups a client may make at once after a pause. */
  readonly burst: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

const SWEEP_EVERY = 10_000;
const MAX_CLIENTS = 200_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client, in memory: a restart forgives everyone, which is acceptable for a brake on
 * scraping (docs/domain.md §5.2). Full buckets carry no information and are dropped now and then, so the
 * map holds only clients seen in the last few seconds of their refill.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private takesSinceSweep = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    if (!(limit.perMinute > 0) || !(limit.burst >= 1)) throw new RangeError('A rate limit needs perMinute > 0 and burst >= 1');
    this.perMs = limit.perMinute / 60_000;
  }

  take(client: string): RateDecision {
    if (++this.takesSinceSweep >= SWEEP_EVERY || this.buckets.size >= MAX_CLIENTS) this.sweep();
    const now = this.now();
    let bucket = this.buckets.get(client);
    if (!bucket) {
      bucket = { tokens: this.limit.burst, at: now };
      this.buckets.set(client, bucket);
    } else {
      bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * this.perMs);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  sweep(): void {
    this.takesSinceSweep = 0;
    const now = this.now();
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.limit.burst) this.buckets.delete(client);
    }
    // Under a flood from very many addresses, forget the oldest rather than grow without bound.
    for (const client of this.buckets.keys()) {
      if (this.buckets.size < MAX_CLIENTS) break;
      this.buckets.delete(client);
    }
  }
}
