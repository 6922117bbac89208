import type { Clock } from '../../util/clock.js';
import { RetryLaterError } from './route.js';

/**
 * A sliding-window attempt log per key (docs/protocol.md §5.3 per-route limits: login failures per
 * username, registrations per IP): once `max` attempts fall inside the window, 429 until the
 * oldest one ages out. Keys whose attempts have all aged out are forgotten, at most once per
 * window (on the injected clock), so 30,000 made-up usernames cost memory for one window only.
 */
export class AttemptLog {
  private readonly attempts = new Map<string, number[]>();
  private sweptAt: number;

  constructor(
    private readonly clock: Clock,
    private readonly max: number,
    private readonly windowMs: number,
  ) {
    this.sweptAt = clock.now();
  }

  /** Keys with attempts in memory. */
  get trackedKeys(): number {
    return this.attempts.size;
  }

  check(key: string): void {
    const now = this.clock.now();
    this.sweep(now);
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length === 0) this.attempts.delete(key);
    else this.attempts.set(key, recent);
    const oldest = recent[0];
    if (recent.length >= this.max && oldest !== undefined) {
      throw new RetryLaterError(Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)));
    }
  }

  record(key: string): void {
    const now = this.clock.now();
    this.sweep(now);
    const list = this.attempts.get(key) ?? [];
    list.push(now);
    this.attempts.set(key, list);
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < this.windowMs) return;
    this.sweptAt = now;
    for (const [key, times] of this.attempts) {
      const newest = times[times.length - 1];
      if (newest === undefined || now - newest >= this.windowMs) this.attempts.delete(key);
    }
  }
}
