import type { Clock } from '../../util/clock.js';

export interface RateLimitOptions {
  /** Bucket size (real server: 70 = 60/min + 10 burst). */
  capacity?: number;
  /** Turn the REST limiter off (load tests). */
  disabled?: boolean;
}

/** `POST /auth/register`: `attempts` per client IP per `windowMs` (real server: 5 per 15 min). */
export interface RegisterLimitOptions {
  attempts?: number;
  windowMs?: number;
  /** Turn the registration limit off (suites that register many users from one address). */
  disabled?: boolean;
}

export type RateDecision =
  | { allowed: true; limit: number; remaining: number; resetSeconds: number }
  | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/** A bucket untouched this long is full again, exactly like a new one: it can be forgotten. */
const REFILL_MS = 60_000;

/**
 * The real server's token bucket (docs/protocol.md §5.3): full after >= 60 s since the last refill,
 * otherwise floor(whole elapsed seconds / 60 * capacity) tokens, and the refill clock restarts.
 * Buckets idle for 60 s (on the injected clock) are forgotten, at most once a minute, so junk
 * `Authorization` headers cost memory for a minute, not forever.
 */
export class RestRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly disabled: boolean;
  private sweptAt: number;

  constructor(
    private readonly clock: Clock,
    options: RateLimitOptions = {},
  ) {
    this.capacity = options.capacity ?? 70;
    this.disabled = options.disabled ?? false;
    this.sweptAt = clock.now();
  }

  /** Keys with a bucket in memory. */
  get trackedKeys(): number {
    return this.buckets.size;
  }

  take(key: string): RateDecision {
    const now = this.clock.now();
    const resetSeconds = Math.floor(now / 1000) + 60;
    if (this.disabled) return { allowed: true, limit: this.capacity, remaining: this.capacity, resetSeconds };
    this.sweep(now);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { tokens: this.capacity, refilledAt: now }));
    const elapsedSeconds = Math.floor((now - bucket.refilledAt) / 1000);
    if (elapsedSeconds >= REFILL_MS / 1000) {
      bucket.tokens = this.capacity;
      bucket.refilledAt = now;
    } else {
      const add = Math.floor((elapsedSeconds / 60) * this.capacity);
      if (add > 0) {
        bucket.tokens = Math.min(this.capacity, bucket.tokens + add);
        bucket.refilledAt = now;
      }
    }
    if (bucket.tokens < 1) {
      const secondsPerToken = Math.ceil(60 / this.capacity);
      return { allowed: false, retryAfterSeconds: Math.max(1, secondsPerToken - elapsedSeconds) };
    }
    bucket.tokens--;
    return { allowed: true, limit: this.capacity, remaining: bucket.tokens, resetSeconds };
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < REFILL_MS) return;
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.refilledAt >= REFILL_MS) this.buckets.delete(key);
  }
}
