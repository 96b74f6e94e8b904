import { TokenBucketLimiter } from './token-bucket';

describe('TokenBucketLimiter', () => {
  it('lets a client use its burst, then one lookup per refill interval, and says how long to wait', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 30, burst: 10 }, () => now);
    for (let i = 0; i < 10; i++) expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    now += 1_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(limiter.take('a')).toEqual({ allowed: true });
    // Another client is not affected.
    expect(limiter.take('b')).toEqual({ allowed: true });
  });

  it('never saves up more than the burst, however long the pause', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 2 }, () => now);
    now += 3_600_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('forgets clients whose bucket has refilled, so memory follows the active clients only', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 5 }, () => now);
    for (let i = 0; i < 1000; i++) limiter.take(`client-${i}`);
    expect(limiter.size).toBe(1000);
    now += 500;
    limiter.sweep();
    expect(limiter.size).toBe(1000);
    now += 500;
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });

  it('refuses a limit that would block everyone or nobody', () => {
    expect(() => new TokenBucketLimiter({ perMinute: 0, burst: 10 })).toThrow(RangeError);
    expect(() => new TokenBucketLimiter({ perMinute: 30, burst: 0 })).toThrow(RangeError);
  });
});
