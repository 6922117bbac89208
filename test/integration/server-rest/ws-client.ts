import WebSocket from 'ws';

export interface Dispatch {
  op: number;
  type?: string;
  seq?: number;
  data?: unknown;
}

/** A bare gateway client: IDENTIFY, collect dispatches, wait for one by predicate. */
export class WsClient {
  readonly frames: Dispatch[] = [];
  private waiters: { test: (f: Dispatch) => boolean; resolve: (f: Dispatch) => void }[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as Dispatch;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.test(frame) ? (w.resolve(frame), false) : true));
    });
    socket.on('error', () => {});
  }

  static async identify(url: string, token: string, intents: string[]): Promise<WsClient> {
    const socket = new WebSocket(url);
    const client = new WsClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ op: 2, data: { token, intents } }));
    await client.next((f) => f.type === 'ready');
    return client;
  }

  /** The first frame (already received or future) matching `test`. */
  next(test: (f: Dispatch) => boolean): Promise<Dispatch> {
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  types(): string[] {
    return this.frames.filter((f) => f.op === 0).map((f) => f.type ?? '');
  }

  close(): void {
    this.socket.terminate();
  }
}
