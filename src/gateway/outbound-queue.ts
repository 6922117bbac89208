import type { Clock, TimerHandle } from '../util/clock.js';

export interface OutboundRateLimit {
  /** The server's limit: at most this many counted frames ... */
  frames: number;
  /** ... in this window (ms). */
  windowMs: number;
  /**
   * Extra wait on top of `windowMs` before a sent frame stops counting (default: a tenth of the
   * window, at most 5 s). The server counts arrivals, not sends: a burst that reaches it late
   * opens its window late, and the next burst, sent on time, must still land outside it.
   */
  slackMs?: number;
}

export const DEFAULT_OUTBOUND_RATE_LIMIT: OutboundRateLimit = { frames: 120, windowMs: 60_000 };

interface QueuedFrame {
  payload: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Frames kept in hand below the server's limit, for clock skew and delivery jitter. */
export function pacedBudget(limit: OutboundRateLimit): number {
  return Math.max(1, limit.frames - Math.min(10, Math.floor(limit.frames / 12)));
}

/** How long after `windowMs` a sent frame still counts against the budget. */
export function pacingSlackMs(limit: OutboundRateLimit): number {
  return Math.max(0, limit.slackMs ?? Math.min(limit.windowMs / 10, 5000));
}

const noop = (): void => {};

/**
 * Paces rate-limited ops (8–11) so that no sliding window of `windowMs + slack` ever holds more
 * than the budget. That keeps the server's fixed window (which counts arrivals) under its limit
 * as long as delivery delays differ by less than the slack.
 * Frames wait in order; they are never dropped, only rejected when the socket stops for good.
 */
export class OutboundQueue {
  private readonly budget: number;
  /** How long a sent frame occupies its slot. */
  private readonly holdMs: number;
  /** Send times of the last `budget` frames, a ring; `oldest` is the next slot to reuse. */
  private readonly sentAt: number[];
  private oldest = 0;
  private readonly items: QueuedFrame[] = [];
  private open = false;
  private handle: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    limit: OutboundRateLimit,
    /** Writes one frame; false when the socket cannot take it right now. */
    private readonly write: (payload: string) => boolean,
  ) {
    this.budget = pacedBudget(limit);
    this.holdMs = limit.windowMs + pacingSlackMs(limit);
    this.sentAt = new Array<number>(this.budget).fill(Number.NEGATIVE_INFINITY);
  }

  get size(): number {
    return this.items.length;
  }

  /** Resolves once the frame is written; rejects only if `clear` discards it. */
  enqueue(payload: string): Promise<void> {
    const promise = new Promise<void>((resolve, reject) => {
      this.items.push({ payload, resolve, reject });
    });
    // Fire-and-forget callers must not crash the process with an unhandled rejection.
    promise.catch(noop);
    this.flush();
    return promise;
  }

  /** While closed, frames wait (e.g. during a resume); opening flushes them. */
  setOpen(open: boolean): void {
    this.open = open;
    if (open) this.flush();
    else this.cancelTimer();
  }

  clear(error: Error): void {
    this.open = false;
    this.cancelTimer();
    const items = this.items.splice(0);
    for (const item of items) item.reject(error);
  }

  private flush(): void {
    if (this.handle !== undefined) return;
    while (this.open && this.items.length > 0) {
      const now = this.clock.now();
      const freeAt = (this.sentAt[this.oldest] ?? Number.NEGATIVE_INFINITY) + this.holdMs;
      if (freeAt > now) {
        this.handle = this.clock.setTimeout(() => {
          this.handle = undefined;
          this.flush();
        }, freeAt - now);
        return;
      }
      const item = this.items[0];
      if (!item || !this.write(item.payload)) return;
      this.items.shift();
      this.sentAt[this.oldest] = now;
      this.oldest = (this.oldest + 1) % this.budget;
      item.resolve();
    }
  }

  private cancelTimer(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
