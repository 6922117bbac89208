import WebSocket from 'ws';

export interface SmallFrame {
  op: number;
  type?: string;
  seq?: number;
  data?: unknown;
}

/**
 * A gateway client that keeps little of what it reads, so a test can receive hundreds of
 * megabytes without holding them: it counts every dispatch by type, remembers the last seq and
 * keeps the parsed frame only when it is small. `pause()` stops reading from the socket.
 */
export class LightPeer {
  readonly counts = new Map<string, number>();
  readonly small: SmallFrame[] = [];
  bytesRead = 0;
  lastSeq = 0;
  sessionId = '';
  closedWith: number | null = null;
  private waiters: { test: (frame: SmallFrame) => boolean; resolve: (frame: SmallFrame) => void; reject: (error: Error) => void }[] = [];
  readonly closed: Promise<number>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      this.bytesRead += data.length;
      const frame = JSON.parse(data.toString('utf8')) as SmallFrame;
      if (typeof frame.seq === 'number') this.lastSeq = frame.seq;
      if (frame.op === 0 && frame.type !== undefined) this.counts.set(frame.type, (this.counts.get(frame.type) ?? 0) + 1);
      const kept: SmallFrame = data.length <= 4096 ? frame : { op: frame.op, type: frame.type, seq: frame.seq };
      if (frame.type === 'ready') this.sessionId = String((frame.data as { session_id?: string }).session_id);
      this.small.push(kept);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.test(kept)) return true;
        waiter.resolve(kept);
        return false;
      });
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code: number) => {
        this.closedWith = code;
        for (const waiter of this.waiters) waiter.reject(new Error(`socket closed (${code}) while waiting`));
        this.waiters = [];
        resolve(code);
      });
    });
    socket.on('error', () => {});
  }

  static open(url: string): Promise<LightPeer> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const peer = new LightPeer(socket);
      socket.once('open', () => resolve(peer));
      socket.once('error', reject);
    });
  }

  /** Opens a socket and IDENTIFYs; resolves on READY. */
  static async identify(url: string, token: string, intents: string[], presence?: unknown): Promise<LightPeer> {
    const peer = await LightPeer.open(url);
    await peer.waitFor((f) => f.op === 5);
    peer.send({ op: 2, data: presence === undefined ? { token: `Bearer ${token}`, intents } : { token: `Bearer ${token}`, intents, presence } });
    await peer.waitFor((f) => f.type === 'ready');
    return peer;
  }

  count(type: string): number {
    return this.counts.get(type) ?? 0;
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendText(text: string): void {
    this.socket.send(text);
  }

  /** Stops reading: the server's writes pile up in the kernel, then in the server. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  waitFor(test: (frame: SmallFrame) => boolean, timeoutMs = 10_000): Promise<SmallFrame> {
    const seen = this.small.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        test,
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

  /** Drops the connection without a Close frame (the session stays resumable). */
  terminate(): void {
    this.socket.terminate();
  }

  close(): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
  }
}
