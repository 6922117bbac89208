import type { SharedDispatch } from './outbound.js';

export interface ReplayEntry {
  seq: number;
  frame: SharedDispatch;
}

/** How much one session's replay buffer may hold: frames (the real server's 256) and bytes. */
export interface ReplayLimits {
  frames: number;
  bytes: number;
}

/**
 * The newest seq-stamped dispatches of a session, oldest evicted first (docs/protocol.md §1.9.3),
 * bounded by count and by bytes. Frames are shared with every other session that got them, so a
 * buffer holds references, not copies. What it holds is always a gap-free run of seqs: a frame too
 * big to keep empties the buffer, so a RESUME from before it fails the gap check (op 7) instead of
 * silently skipping it.
 *
 * Because the run is gap-free, only the frames are stored, in a ring, plus the newest seq; each
 * frame's seq is derived from its place in the run, so a push allocates nothing (it runs once per
 * session per dispatch). A push whose seq does not follow the newest one starts a new run.
 */
export class ReplayBuffer {
  /** Grows up to `limits.frames` slots, then wraps; evicted slots are cleared so their frames can be collected. */
  private readonly ring: (SharedDispatch | undefined)[] = [];
  /** Slot of the oldest frame held. */
  private start = 0;
  private count = 0;
  /** Seq of the newest frame held (meaningless while empty). */
  private newestSeq = 0;
  private bytes = 0;

  constructor(readonly limits: ReplayLimits) {}

  /** Frames held. */
  get size(): number {
    return this.count;
  }

  /** Bytes of the frames held. */
  get byteLength(): number {
    return this.bytes;
  }

  push(seq: number, frame: SharedDispatch): void {
    const size = frame.byteLength;
    if (this.limits.frames <= 0 || size > this.limits.bytes) {
      this.clear();
      return;
    }
    if (this.count > 0 && seq !== this.newestSeq + 1) this.clear();
    while (this.count > 0 && (this.count >= this.limits.frames || this.bytes + size > this.limits.bytes)) this.evictOldest();
    // Until the ring has wrapped, start + count is its length, so this appends.
    this.ring[(this.start + this.count) % this.limits.frames] = frame;
    this.count += 1;
    this.newestSeq = seq;
    this.bytes += size;
  }

  /** Seq of the oldest frame still held, or undefined when empty. */
  oldestSeq(): number | undefined {
    return this.count === 0 ? undefined : this.newestSeq - this.count + 1;
  }

  /** Entries with seq > `afterSeq`, oldest first. */
  entriesAfter(afterSeq: number): ReplayEntry[] {
    const out: ReplayEntry[] = [];
    const oldest = this.newestSeq - this.count + 1;
    const capacity = this.limits.frames;
    for (let i = Math.max(0, afterSeq + 1 - oldest); i < this.count; i += 1) {
      const frame = this.ring[(this.start + i) % capacity];
      if (frame !== undefined) out.push({ seq: oldest + i, frame });
    }
    return out;
  }

  clear(): void {
    this.ring.length = 0;
    this.start = 0;
    this.count = 0;
    this.bytes = 0;
  }

  private evictOldest(): void {
    const oldest = this.ring[this.start];
    if (oldest !== undefined) this.bytes -= oldest.byteLength;
    this.ring[this.start] = undefined;
    this.start = (this.start + 1) % this.limits.frames;
    this.count -= 1;
  }
}
