import type { Clock, RandomSource, TimerHandle } from '../util/clock.js';

/** `2^min(attempt-1, 5)` seconds plus up to one second of jitter (attempt counts from 1). */
export function backoffDelayMs(attempt: number, random: RandomSource): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 5);
  return (2 ** exponent + random()) * 1000;
}

/** The pause after INVALID_SESSION: a random 1–5 s. */
export function invalidSessionDelayMs(random: RandomSource): number {
  return 1000 + random() * 4000;
}

/**
 * One reusable timer for "run the reconnect later". Scheduling again replaces the pending run,
 * so at most one reconnect can ever be waiting; `fireNow` skips the rest of the wait.
 */
export class RetryTimer {
  private handle: TimerHandle | undefined;
  private task: (() => void) | undefined;

  constructor(private readonly clock: Clock) {}

  get pending(): boolean {
    return this.task !== undefined;
  }

  schedule(delayMs: number, task: () => void): void {
    this.cancel();
    this.task = task;
    this.handle = this.clock.setTimeout(() => this.run(), delayMs);
  }

  fireNow(): void {
    if (this.task) this.run();
  }

  cancel(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    this.task = undefined;
  }

  private run(): void {
    const task = this.task;
    this.cancel();
    task?.();
  }
}
