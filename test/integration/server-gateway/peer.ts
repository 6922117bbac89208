import WebSocket from 'ws';

export interface Frame {
  op: number;
  type?: string;
  seq?: number;
  data?: unknown;
}

export interface Closed {
  code: number;
  reason: string;
}

/**
 * A raw gateway client for tests: collects every frame, waits for frames by predicate, and can
 * `terminate()` (drop without a Close frame) as well as `close()` (send one).
 */
export class Peer {
  readonly frames: Frame[] = [];
  readonly texts: string[] = [];
  closedWith: Closed | null = null;
  readonly closed: Promise<Closed>;
  private waiters: { test: (frame: Frame) => boolean; from: number; resolve: (frame: Frame) => void; reject: (error: Error) => void }[] = [];
  private closeWaiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      this.texts.push(text);
      let frame: Frame;
      try {
        frame = JSON.parse(text) as Frame;
      } catch {
        frame = { op: -1, data: text };
      }
      this.frames.push(frame);
      const index = this.frames.length - 1;
      this.waiters = this.waiters.filter((w) => {
        if (index >= w.from && w.test(frame)) {
          w.resolve(frame);
          return false;
        }
        return true;
      });
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.closedWith = { code, reason: reason.toString() };
        for (const w of this.waiters) w.reject(new Error(`socket closed (${code}) while waiting; frames: ${this.summary()}`));
        this.waiters = [];
        for (const wake of this.closeWaiters) wake();
        resolve(this.closedWith);
      });
    });
    socket.on('error', () => {});
  }

  static open(url: string): Promise<Peer> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const peer = new Peer(socket);
      socket.once('open', () => resolve(peer));
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendText(text: string): void {
    this.socket.send(text);
  }

  /** The first frame at or after index `from` matching `test` (already received or future). */
  waitFor(test: (frame: Frame) => boolean, from = 0, timeoutMs = 5000): Promise<Frame> {
    for (let i = from; i < this.frames.length; i += 1) {
      const frame = this.frames[i] as Frame;
      if (test(frame)) return Promise.resolve(frame);
    }
    if (this.closedWith) return Promise.reject(new Error(`socket already closed; frames: ${this.summary()}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting; frames: ${this.summary()}`)), timeoutMs);
      this.waiters.push({
        test,
        from,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  /** Waits for the next dispatch of `type` that arrives after everything seen so far. */
  nextDispatch(type: string, timeoutMs?: number): Promise<Frame> {
    return this.waitFor((f) => f.op === 0 && f.type === type, this.frames.length, timeoutMs);
  }

  dispatches(type?: string): Frame[] {
    return this.frames.filter((f) => f.op === 0 && (type === undefined || f.type === type));
  }

  /**
   * A barrier: sends a heartbeat and waits for its ack. Frames are ordered on one socket, so every
   * dispatch caused before this call has arrived once it resolves.
   */
  async sync(): Promise<void> {
    const from = this.frames.length;
    this.send({ op: 1 });
    await this.waitFor((f) => f.op === 4, from);
  }

  async identify(token: string, intents: string[], presence?: unknown): Promise<Record<string, unknown>> {
    await this.waitFor((f) => f.op === 5);
    const from = this.frames.length;
    this.send({ op: 2, data: presence === undefined ? { token, intents } : { token, intents, presence } });
    const ready = await this.waitFor((f) => (f.op === 0 && f.type === 'ready') || f.op === 7, from);
    if (ready.op !== 0) throw new Error(`IDENTIFY rejected: ${this.summary()}`);
    return ready.data as Record<string, unknown>;
  }

  /** Sends RESUME; resolves with `resumed` or the op 7 frame. */
  async resume(token: string, sessionId: string, seq: number): Promise<Frame> {
    await this.waitFor((f) => f.op === 5);
    const from = this.frames.length;
    this.send({ op: 3, data: { token, session_id: sessionId, seq } });
    return this.waitFor((f) => (f.op === 0 && f.type === 'resumed') || f.op === 7, from);
  }

  /** Highest seq received so far. */
  lastSeq(): number {
    let seq = 0;
    for (const frame of this.frames) if (typeof frame.seq === 'number' && frame.seq > seq) seq = frame.seq;
    return seq;
  }

  /** Drops the TCP connection without a Close frame. */
  terminate(): Promise<Closed> {
    this.socket.terminate();
    return this.closed;
  }

  close(code = 1000): Promise<Closed> {
    this.socket.close(code);
    return this.closed;
  }

  summary(): string {
    return this.texts.map((t) => (t.length > 120 ? `${t.slice(0, 120)}…` : t)).join(' | ');
  }
}

/** Polls `check` until it is true (server-side state changes that have no frame to wait for). */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
