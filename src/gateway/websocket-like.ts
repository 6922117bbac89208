/**
 * The slice of the WebSocket API the transport uses. Both the browser's WebSocket and the `ws`
 * package fit it; tests pass an in-memory class.
 */
// Method syntax keeps handler parameters bivariant, so handlers typed with richer event
// classes (DOM MessageEvent, ws MessageEvent) still fit.
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

export interface WebSocketMessageEventLike {
  data: unknown;
}

export interface WebSocketCloseEventLike {
  code: number;
  reason: string;
}

/** `ws` passes `{ message, error }`; browsers pass a bare Event. */
export type WebSocketErrorEventLike = unknown;

export interface WebSocketLike {
  readonly readyState: number;
  onopen: Handler<unknown> | null;
  onmessage: Handler<WebSocketMessageEventLike> | null;
  onclose: Handler<WebSocketCloseEventLike> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** `ws` only: drop the TCP connection without a Close frame. */
  terminate?(): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

const noop = (): void => {};

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

function globalWebSocket(): WebSocketConstructor | undefined {
  return (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}

/**
 * The WebSocket class to use when none is injected. Browsers: the global one. Node: `ws`, loaded
 * lazily through a non-literal specifier so browser bundles never include it; `ws` is preferred
 * even where Node has a global WebSocket, because only `ws` can drop a connection without a
 * Close frame, which is what keeps a session resumable (docs/protocol.md §1.9.2).
 */
export async function loadDefaultWebSocket(): Promise<WebSocketConstructor> {
  const global = globalWebSocket();
  if (global && !isNode()) return global;
  try {
    const specifier = 'ws';
    const module = (await import(/* @vite-ignore */ specifier)) as {
      WebSocket?: WebSocketConstructor;
      default?: WebSocketConstructor;
    };
    const ctor = module.WebSocket ?? module.default;
    if (ctor) return ctor;
  } catch {
    // fall through to the global, if any
  }
  if (global) return global;
  throw new Error('no WebSocket implementation: pass the WebSocket option or install the ws package');
}

/** Detach every handler, keeping a no-op error handler: `ws` throws on an unhandled 'error'. */
export function detachSocket(socket: WebSocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = noop;
}

/**
 * Leave the socket without a Close frame so the server parks the session. Only `ws` can do this
 * (terminate); a browser socket has no such call, so it is closed (the session will then
 * usually need a fresh IDENTIFY).
 */
export function abandonSocket(socket: WebSocketLike): void {
  try {
    if (typeof socket.terminate === 'function') socket.terminate();
    else socket.close();
  } catch {
    // already closed
  }
}

/** A deliberate close with a Close frame (ends the session on the server). */
export function closeSocket(socket: WebSocketLike, code: number, reason: string): void {
  try {
    socket.close(code, reason);
  } catch {
    // Browsers only accept 1000 and 3000–4999 from clients.
    try {
      socket.close();
    } catch {
      // already closed
    }
  }
}

/** The useful part of an error event: `ws` carries `error`/`message`, a browser Event nothing. */
export function socketErrorOf(event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return event;
  const { error, message } = event as { error?: unknown; message?: unknown };
  return error ?? message ?? 'socket error';
}
