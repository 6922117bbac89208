import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import type { GatewayFrame } from '../../../src/protocol/index.js';

export interface PeerClose {
  code: number;
  reason: string;
}

/** One client connection as the scripted server sees it. */
export class PeerConnection {
  readonly received: GatewayFrame[] = [];
  /** Resolves when the client's connection ends; code 1006 means no Close frame arrived. */
  readonly closed: Promise<PeerClose>;
  private waiters: Array<{ match: (frame: GatewayFrame) => boolean; resolve: (frame: GatewayFrame) => void }> = [];
  private consumed = 0;

  constructor(private readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const frame = JSON.parse(data.toString()) as GatewayFrame;
      this.received.push(frame);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(frame)) return true;
        waiter.resolve(frame);
        return false;
      });
    });
  }

  /** The next frame with this op that no earlier `next` call returned. */
  next(op: number): Promise<GatewayFrame> {
    const index = this.received.findIndex((frame, i) => i >= this.consumed && frame.op === op);
    if (index >= 0) {
      this.consumed = index + 1;
      return Promise.resolve(this.received[index] as GatewayFrame);
    }
    return new Promise((resolve) => {
      this.waiters.push({
        match: (frame) => frame.op === op,
        resolve: (frame) => {
          this.consumed = this.received.length;
          resolve(frame);
        },
      });
    });
  }

  send(frame: object | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  sendBinary(bytes: Uint8Array): void {
    this.socket.send(bytes, { binary: true });
  }

  hello(heartbeatInterval: number): void {
    this.send({ op: 5, data: { heartbeat_interval: heartbeatInterval } });
  }

  /** Answer every heartbeat with op 4 from now on. */
  ackHeartbeats(): void {
    this.socket.on('message', (data, isBinary) => {
      if (!isBinary && (JSON.parse(data.toString()) as GatewayFrame).op === 1) this.send({ op: 4 });
    });
  }

  /** End the TCP connection without a Close frame (what accordserver does after op 7). */
  drop(): void {
    this.socket.terminate();
  }
}

/** A `ws` server on 127.0.0.1 that the test scripts frame by frame. */
export class ScriptedPeer {
  readonly connections: PeerConnection[] = [];
  private waiting: Array<(connection: PeerConnection) => void> = [];
  private handed = 0;

  private constructor(
    private readonly server: WebSocketServer,
    readonly url: string,
  ) {
    server.on('connection', (socket) => {
      const connection = new PeerConnection(socket);
      this.connections.push(connection);
      const waiter = this.waiting.shift();
      if (waiter) {
        this.handed++;
        waiter(connection);
      }
    });
  }

  static start(): Promise<ScriptedPeer> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
      server.once('error', reject);
      server.once('listening', () => {
        const { port } = server.address() as AddressInfo;
        resolve(new ScriptedPeer(server, `http://127.0.0.1:${port}`));
      });
    });
  }

  /** The next connection not yet returned by this method (waits for it if needed). */
  nextConnection(): Promise<PeerConnection> {
    const ready = this.connections[this.handed];
    if (ready) {
      this.handed++;
      return Promise.resolve(ready);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
