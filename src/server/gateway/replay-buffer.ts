/** The last N seq-stamped frames of a session, oldest evicted first (PROTOCOL.md §1.9.3). */
export class ReplayBuffer {
  private readonly seqs: number[] = [];
  private readonly frames: string[] = [];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {}

  push(seq: number, frame: string): void {
    if (this.capacity <= 0) return;
    let index: number;
    if (this.count < this.capacity) {
      index = (this.start + this.count) % this.capacity;
      this.count += 1;
    } else {
      index = this.start;
      this.start = (this.start + 1) % this.capacity;
    }
    this.seqs[index] = seq;
    this.frames[index] = frame;
  }

  /** Seq of the oldest frame still held, or undefined when empty. */
  oldestSeq(): number | undefined {
    return this.count === 0 ? undefined : this.seqs[this.start];
  }

  /** Frames with seq > `afterSeq`, oldest first. */
  framesAfter(afterSeq: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const index = (this.start + i) % this.capacity;
      const seq = this.seqs[index];
      const frame = this.frames[index];
      if (seq !== undefined && frame !== undefined && seq > afterSeq) out.push(frame);
    }
    return out;
  }
}
