import { WebSocket as NodeWebSocket } from 'ws';
import type { RawData } from 'ws';
import type {
  WebSocketCloseEventLike,
  WebSocketConstructor,
  WebSocketErrorEventLike,
  WebSocketLike,
  WebSocketMessageEventLike,
} from '../gateway/websocket-like.js';

/** One frame seen by the tap, already parsed when it was JSON text. */
export interface TappedFrame {
  direction: 'in' | 'out';
  /** The parsed JSON object, or undefined for binary or non-JSON frames. */
  json: Record<string, unknown> | undefined;
  at: number;
}

export interface WireTapObserver {
  /** Called for every frame as it reaches the client (in) or leaves it (out). */
  frame?(label: string, socket: TappedSocket, frame: TappedFrame): void;
  opened?(label: string, socket: TappedSocket): void;
  closed?(label: string, socket: TappedSocket, code: number): void;
}

type Delivery = () => void;

/**
 * A WebSocket (the slice the transport uses) wrapped around a real `ws` socket, which sees every
 * frame in both directions and can slow down or inject inbound frames. It never changes what the
 * client receives unless asked: frames stay in order, and the close is delivered after every frame
 * that arrived before it.
 */
export class TappedSocket implements WebSocketLike {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: WebSocketMessageEventLike) => void) | null = null;
  onclose: ((event: WebSocketCloseEventLike) => void) | null = null;
  onerror: ((event: WebSocketErrorEventLike) => void) | null = null;

  private readonly inner: NodeWebSocket;
  private readonly queue: Delivery[] = [];
  private draining = false;
  private perFrameDelayMs = 0;
  private slowUntil = 0;
  /** Inbound frames handed to the client (after any delay). */
  delivered = 0;
  ended = false;

  constructor(
    readonly label: string,
    readonly url: string,
    private readonly tap: WireTap,
  ) {
    this.inner = new NodeWebSocket(url);
    this.inner.on('open', () => this.enqueue(() => this.onopen?.({})));
    this.inner.on('message', (data: RawData, isBinary: boolean) => {
      const payload = isBinary ? toBuffer(data) : toBuffer(data).toString('utf8');
      this.enqueue(() => this.deliverMessage(payload));
    });
    this.inner.on('close', (code: number, reason: Buffer) => {
      this.enqueue(() => {
        this.ended = true;
        this.tap.observer.closed?.(this.label, this, code);
        this.onclose?.({ code, reason: reason.toString('utf8') });
      });
    });
    this.inner.on('error', (error: Error) => {
      this.enqueue(() => this.onerror?.({ error, message: error.message }));
    });
    this.tap.register(this);
  }

  get readyState(): number {
    return this.inner.readyState;
  }

  send(data: string): void {
    const hook = this.tap.observer.frame;
    if (hook) hook(this.label, this, { direction: 'out', json: parseObject(data), at: Date.now() });
    this.inner.send(data);
  }

  close(code?: number, reason?: string): void {
    this.inner.close(code, reason);
  }

  terminate(): void {
    this.inner.terminate();
  }

  /** Delivers a frame to the client as if the server had sent it (a string is a text frame). */
  inject(payload: string | Uint8Array): void {
    this.enqueue(() => this.deliverMessage(typeof payload === 'string' ? payload : Buffer.from(payload)));
  }

  /** Delivers a frame right now, ahead of anything queued (fuzzing at full speed). */
  injectNow(payload: string | Uint8Array): void {
    this.deliverMessage(typeof payload === 'string' ? payload : Buffer.from(payload));
  }

  /** From now until `durationMs` has passed, every inbound frame waits `perFrameDelayMs` first. */
  slowDown(perFrameDelayMs: number, durationMs: number): void {
    this.perFrameDelayMs = perFrameDelayMs;
    this.slowUntil = Date.now() + durationMs;
  }

  /** Drops the TCP connection from the client side without a Close frame. */
  cut(): void {
    this.inner.terminate();
  }

  private deliverMessage(payload: string | Buffer): void {
    const handler = this.onmessage;
    // A detached socket's late frames never reach the client, so they are not observed either.
    if (!handler) return;
    this.delivered++;
    const hook = this.tap.observer.frame;
    if (hook) {
      const json = typeof payload === 'string' ? parseObject(payload) : undefined;
      hook(this.label, this, { direction: 'in', json, at: Date.now() });
    }
    handler({ data: payload });
  }

  private enqueue(delivery: Delivery): void {
    if (!this.draining && this.queue.length === 0 && !this.slow()) {
      delivery();
      return;
    }
    this.queue.push(delivery);
    this.drain();
  }

  private slow(): boolean {
    return this.perFrameDelayMs > 0 && Date.now() < this.slowUntil;
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const step = (): void => {
      const next = this.queue.shift();
      if (!next) {
        this.draining = false;
        return;
      }
      next();
      if (this.slow()) setTimeout(step, this.perFrameDelayMs);
      else step();
    };
    if (this.slow()) setTimeout(step, this.perFrameDelayMs);
    else step();
  }
}

/**
 * Hands out WebSocket constructors that record which connection (label) opened which socket, so
 * a soak can watch the wire of every store connection and act on its live socket.
 */
export class WireTap {
  private readonly byLabel = new Map<string, TappedSocket[]>();

  constructor(readonly observer: WireTapObserver = {}) {}

  /** A constructor to pass as the `WebSocket` option of one connection. */
  constructorFor(label: string): WebSocketConstructor {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const tap = this;
    return class LabelledTappedSocket extends TappedSocket {
      constructor(url: string) {
        super(label, url, tap);
      }
    };
  }

  /** The newest socket opened for `label`, if it has not ended. */
  live(label: string): TappedSocket | undefined {
    const sockets = this.byLabel.get(label);
    const last = sockets?.[sockets.length - 1];
    return last && !last.ended ? last : undefined;
  }

  socketsOpened(label: string): number {
    return this.byLabel.get(label)?.length ?? 0;
  }

  /** @internal */
  register(socket: TappedSocket): void {
    let list = this.byLabel.get(socket.label);
    if (!list) {
      list = [];
      this.byLabel.set(socket.label, list);
    }
    list.push(socket);
    // Keep only recent sockets: a long soak opens thousands.
    if (list.length > 8) list.splice(0, list.length - 8);
    this.observer.opened?.(socket.label, socket);
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
