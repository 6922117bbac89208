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

/**
 * The real server's token bucket (PROTOCOL.md §5.3): full after >= 60 s since the last refill,
 * otherwise floor(whole elapsed seconds / 60 * capacity) tokens, and the refill clock restarts.
 */
export class RestRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly disabled: boolean;

  constructor(
    private readonly clock: Clock,
    options: RateLimitOptions = {},
  ) {
    this.capacity = options.capacity ?? 70;
    this.disabled = options.disabled ?? false;
  }

  take(key: string): RateDecision {
    const now = this.clock.now();
    const resetSeconds = Math.floor(now / 1000) + 60;
    if (this.disabled) return { allowed: true, limit: this.capacity, remaining: this.capacity, resetSeconds };
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { tokens: this.capacity, refilledAt: now }));
    const elapsedSeconds = Math.floor((now - bucket.refilledAt) / 1000);
    if (elapsedSeconds >= 60) {
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
}
