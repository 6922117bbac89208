import type { WebSocketConstructor, WebSocketLike } from '../../../src/gateway/index.js';
import { emptyReadyData, privateUserJson } from '../../../fixtures/wire.js';

type Frame = { op: number; type?: string; seq?: number; data?: unknown };

/** A scripted in-memory gateway peer: the test plays the server. */
export class ScriptedSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  readonly sent: Frame[] = [];
  closedWith: number | undefined;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Frame);
  }

  close(code?: number): void {
    this.closedWith = code ?? 1005;
    this.readyState = 3;
  }

  terminate(): void {
    this.readyState = 3;
  }

  receive(frame: Frame): void {
    if (this.readyState === 0) {
      this.readyState = 1;
      this.onopen?.({});
    }
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  sentOp(op: number): Frame[] {
    return this.sent.filter((frame) => frame.op === op);
  }
}

/** A WebSocket constructor that records every socket it makes. */
export function socketFactory(): { WebSocket: WebSocketConstructor; sockets: ScriptedSocket[] } {
  const sockets: ScriptedSocket[] = [];
  class Recorded extends ScriptedSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return { WebSocket: Recorded, sockets };
}

export function readyData(userId = 'u1'): Record<string, unknown> {
  return emptyReadyData('sess-1', userId, privateUserJson({ id: userId }));
}
