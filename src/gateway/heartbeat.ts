import type { Clock, RandomSource, TimerHandle } from '../util/clock.js';

export interface HeartbeatHooks {
  /** Write one op 1 frame (carrying the last seq). */
  beat(): void;
  /** The previous beat was never acknowledged: the connection is a zombie. */
  missedAck(): void;
  /** True while a missed ACK should be forgiven (a hidden browser tab throttles our timers). */
  forgiven(): boolean;
}

/**
 * Beats every `intervalMs`, the first one after a random fraction of the interval so that many
 * clients reconnecting at once do not beat in lockstep. A tick that finds the previous beat
 * unacknowledged reports a zombie instead of beating again.
 */
export class Heartbeat {
  private handle: TimerHandle | undefined;
  private intervalMs = 0;
  private awaitingAck = false;
  private sentAt = 0;
  /** Round trip of the last acknowledged beat, in ms (NaN until one is acknowledged). */
  latencyMs = Number.NaN;

  constructor(
    private readonly clock: Clock,
    private readonly random: RandomSource,
    private readonly hooks: HeartbeatHooks,
  ) {}

  get running(): boolean {
    return this.handle !== undefined;
  }

  start(intervalMs: number): void {
    this.stop();
    this.intervalMs = intervalMs;
    this.schedule(intervalMs * this.random());
  }

  stop(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    this.awaitingAck = false;
  }

  acknowledge(): void {
    if (this.awaitingAck) this.latencyMs = this.clock.now() - this.sentAt;
    this.awaitingAck = false;
  }

  /** Beat outside the cadence (server op 1, tab became visible); the cadence is unchanged. */
  beatNow(): void {
    if (!this.running) return;
    this.send();
  }

  private tick(): void {
    this.handle = undefined;
    if (this.awaitingAck && !this.hooks.forgiven()) {
      // A beat sent out of cadence just before this tick (server op 1, the tab becoming visible
      // with its timers overdue) has not had a round trip yet: it stands in for this tick's beat
      // and is judged at the next one.
      if (this.clock.now() - this.sentAt < this.intervalMs / 2) {
        this.schedule(this.intervalMs);
        return;
      }
      this.awaitingAck = false;
      this.hooks.missedAck();
      return;
    }
    this.schedule(this.intervalMs);
    this.send();
  }

  private send(): void {
    this.awaitingAck = true;
    this.sentAt = this.clock.now();
    this.hooks.beat();
  }

  private schedule(delayMs: number): void {
    this.handle = this.clock.setTimeout(() => this.tick(), delayMs);
  }
}
