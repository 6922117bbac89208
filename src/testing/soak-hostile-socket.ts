import { WebSocket } from 'ws';
import type { RawData } from 'ws';

interface SeenFrame {
  op: number;
  type?: string;
  seq?: number;
  data?: unknown;
}

type Waiter = { test: (frame: SeenFrame) => boolean; resolve: (frame: SeenFrame | null) => void };

/**
 * A bare gateway connection for the soak's hostile peers. It keeps nothing it reads (it counts
 * bytes and remembers the last seq), keeps heartbeating on the server's cadence even while it has
 * stopped reading (`pause`), so only the server's send budget can drop it, and never reconnects.
 */
export class HostileSocket {
  bytesRead = 0;
  lastSeq: number | null = null;
  sessionId = '';
  readonly closed: Promise<number>;
  private waiters: Waiter[] = [];
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private ended = false;
  /** Registered at once: HELLO may come with the upgrade answer. */
  private readonly hello: Promise<SeenFrame | null>;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: RawData, isBinary: boolean) => this.received(data, isBinary));
    this.closed = new Promise((resolve) => {
      ws.on('close', (code: number) => {
        this.ended = true;
        this.stopHeartbeat();
        for (const waiter of this.waiters.splice(0)) waiter.resolve(null);
        resolve(code);
      });
    });
    ws.on('error', () => {
      // a 'close' always follows
    });
    this.hello = this.next((frame) => frame.op === 5);
  }

  static open(url: string): Promise<HostileSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const socket = new HostileSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  /** Opens a connection, IDENTIFYs and waits for READY (null: refused or closed). */
  static async identify(url: string, token: string, intents: readonly string[], presence?: unknown): Promise<HostileSocket | null> {
    const socket = await HostileSocket.open(url);
    if (!(await socket.handshakeStart())) return null;
    const ready = socket.next((frame) => frame.type === 'ready' || frame.op === 7);
    socket.send({ op: 2, data: presence === undefined ? { token: `Bearer ${token}`, intents } : { token: `Bearer ${token}`, intents, presence } });
    const frame = await ready;
    if (frame?.type !== 'ready') {
      socket.terminate();
      return null;
    }
    socket.sessionId = String((frame.data as { session_id?: unknown } | undefined)?.session_id ?? '');
    return socket;
  }

  /** RESUMEs a session on a new connection: `resumed`, or `invalid_session` (op 7), or `closed`. */
  static async resume(url: string, token: string, sessionId: string, seq: number | null): Promise<'resumed' | 'invalid_session' | 'closed'> {
    const socket = await HostileSocket.open(url);
    try {
      if (!(await socket.handshakeStart())) return 'closed';
      const answer = socket.next((frame) => frame.type === 'resumed' || frame.op === 7);
      socket.send({ op: 3, data: { token: `Bearer ${token}`, session_id: sessionId, seq: seq ?? 0 } });
      const frame = await answer;
      if (frame === null) return 'closed';
      return frame.type === 'resumed' ? 'resumed' : 'invalid_session';
    } finally {
      socket.close();
    }
  }

  get isClosed(): boolean {
    return this.ended;
  }

  send(frame: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  /** Resolves with the next frame passing `test` (null if the socket ends or `timeoutMs` passes). */
  next(test: (frame: SeenFrame) => boolean, timeoutMs = 10_000): Promise<SeenFrame | null> {
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        resolve(null);
      }, timeoutMs);
      const entry: Waiter = {
        test,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      this.waiters.push(entry);
    });
  }

  /** A heartbeat, answered in order after everything sent before it: proof the server still reads us. */
  async ping(timeoutMs = 10_000): Promise<boolean> {
    const ack = this.next((frame) => frame.op === 4, timeoutMs);
    this.send({ op: 1, data: this.lastSeq });
    return (await ack) !== null;
  }

  /** Stops reading: what the server writes piles up in the kernel, then in the server. */
  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  close(): void {
    this.stopHeartbeat();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(1000);
  }

  terminate(): void {
    this.stopHeartbeat();
    this.ws.terminate();
  }

  /** Waits for HELLO and starts heartbeating at its interval. */
  private async handshakeStart(): Promise<boolean> {
    const hello = await this.hello;
    if (hello === null) return false;
    const interval = (hello.data as { heartbeat_interval?: unknown } | undefined)?.heartbeat_interval;
    const everyMs = typeof interval === 'number' && interval > 0 ? interval : 45_000;
    this.heartbeat = setInterval(() => this.send({ op: 1, data: this.lastSeq }), everyMs);
    return true;
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private received(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    this.bytesRead += buffer.length;
    let frame: SeenFrame;
    try {
      frame = JSON.parse(buffer.toString('utf8')) as SeenFrame;
    } catch {
      return;
    }
    if (typeof frame.seq === 'number') this.lastSeq = frame.seq;
    if (this.waiters.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.test(frame)) return true;
      waiter.resolve(frame);
      return false;
    });
  }
}
