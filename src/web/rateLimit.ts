/**
 * A token bucket per key (a conversation, or a client address for opening conversations). Memory stays
 * bounded: idle buckets are full again, so they are dropped, and past `maxKeys` the oldest goes.
 */
export interface RateLimitOptions {
  /** requests allowed in a burst */
  burst: number;
  /** sustained requests per minute */
  perMinute: number;
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number,
  ) {
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): boolean {
    const now = this.now();
    const refillPerMs = this.options.perMinute / 60_000;
    const previous = this.buckets.get(key);
    const tokens = previous
      ? Math.min(this.options.burst, previous.tokens + (now - previous.at) * refillPerMs)
      : this.options.burst;
    this.buckets.delete(key); // re-inserted last: the Map's order is least recently used first
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return false;
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return true;
  }
}
