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
 */
export class ReplayBuffer {
  /** Evicted slots before `head` are cleared so their frames can be collected. */
  private entries: (ReplayEntry | undefined)[] = [];
  private head = 0;
  private bytes = 0;

  constructor(readonly limits: ReplayLimits) {}

  /** Frames held. */
  get size(): number {
    return this.entries.length - this.head;
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
    while (this.size > 0 && (this.size >= this.limits.frames || this.bytes + size > this.limits.bytes)) this.evictOldest();
    this.entries.push({ seq, frame });
    this.bytes += size;
  }

  /** Seq of the oldest frame still held, or undefined when empty. */
  oldestSeq(): number | undefined {
    return this.entries[this.head]?.seq;
  }

  /** Entries with seq > `afterSeq`, oldest first. */
  entriesAfter(afterSeq: number): ReplayEntry[] {
    const out: ReplayEntry[] = [];
    for (let i = this.head; i < this.entries.length; i += 1) {
      const entry = this.entries[i];
      if (entry !== undefined && entry.seq > afterSeq) out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
  }

  private evictOldest(): void {
    const oldest = this.entries[this.head];
    if (oldest === undefined) return;
    this.bytes -= oldest.frame.byteLength;
    this.entries[this.head] = undefined;
    this.head += 1;
    // compact once the dead prefix outweighs what is held
    if (this.head >= 64 && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
