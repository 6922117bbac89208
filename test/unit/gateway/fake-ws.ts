import type { GatewayFrame } from '../../../src/protocol/index.js';
import type {
  WebSocketCloseEventLike,
  WebSocketLike,
  WebSocketMessageEventLike,
} from '../../../src/gateway/index.js';

/**
 * An in-memory WebSocket: the test plays the server. It records every frame the client sends,
 * whether the client sent a Close frame or dropped the connection (terminate), and lets the test
 * deliver frames or a close event.
 */
export class FakeWebSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: WebSocketMessageEventLike) => void) | null = null;
  onclose: ((event: WebSocketCloseEventLike) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  /** Raw text of every frame the client sent. */
  readonly sent: string[] = [];
  /** Set when the client sent a Close frame. */
  closeFrame: { code: number | undefined; reason: string | undefined } | undefined;
  /** Set when the client dropped the connection without a Close frame. */
  terminated = false;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('socket not open');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closeFrame = { code, reason };
    this.readyState = 3;
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
  }

  // ---- the server side ----

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** Deliver one frame: an object is JSON-encoded, a string is delivered as is. */
  receive(frame: object | string): void {
    if (this.readyState === 0) this.open();
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  hello(heartbeatInterval = 45_000): void {
    this.receive({ op: 5, data: { heartbeat_interval: heartbeatInterval } });
  }

  /** The server (or the network) ends the connection. */
  drop(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  get frames(): GatewayFrame[] {
    return this.sent.map((text) => JSON.parse(text) as GatewayFrame);
  }

  framesWithOp(op: number): GatewayFrame[] {
    return this.frames.filter((frame) => frame.op === op);
  }

  /** Whether the client still listens to this socket. */
  get attached(): boolean {
    return this.onmessage !== null;
  }
}

/** A WebSocket constructor whose instances are collected in `sockets`, newest last. */
export function fakeWebSocketClass(): {
  WebSocket: new (url: string) => FakeWebSocket;
  sockets: FakeWebSocket[];
  last(): FakeWebSocket;
} {
  const sockets: FakeWebSocket[] = [];
  class RecordedFakeWebSocket extends FakeWebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return {
    WebSocket: RecordedFakeWebSocket,
    sockets,
    last() {
      const socket = sockets[sockets.length - 1];
      if (!socket) throw new Error('no socket was opened');
      return socket;
    },
  };
}
