import { WebSocket } from 'ws';
import type { RawData } from 'ws';

/** What a raw gateway socket received: a text frame (parsed when JSON), or the end of the socket. */
export type RawEvent =
  | { type: 'frame'; text: string; json: Record<string, unknown> | undefined }
  | { type: 'closed'; code: number; reason: string }
  | { type: 'timeout' };

/**
 * A bare WebSocket to a gateway for protocol tests: send any text or bytes, read what comes back
 * in order. No heartbeat, no reconnect, no parsing beyond JSON.
 */
export class RawGatewaySocket {
  private readonly events: RawEvent[] = [];
  private waiter: (() => void) | null = null;
  private ended = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const text = isBinary ? '' : toText(data);
      this.push({ type: 'frame', text, json: parseObject(text) });
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.ended = true;
      this.push({ type: 'closed', code, reason: reason.toString('utf8') });
    });
    ws.on('error', () => {
      // a 'close' always follows
    });
  }

  static open(url: string): Promise<RawGatewaySocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const socket = new RawGatewaySocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.ended;
  }

  send(payload: string | Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(payload, { binary: typeof payload !== 'string' });
  }

  /** The next event, or `timeout` after `ms`. */
  async next(ms = 5000): Promise<RawEvent> {
    const deadline = Date.now() + ms;
    while (this.events.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) return { type: 'timeout' };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
    return this.events.shift() ?? { type: 'timeout' };
  }

  /** Skips frames until one with `op` (and `type`, when given) arrives; the socket ending returns that. */
  async until(op: number, type?: string, ms = 5000): Promise<RawEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const event = await this.next(Math.max(1, deadline - Date.now()));
      if (event.type !== 'frame') return event;
      if (event.json?.['op'] === op && (type === undefined || event.json['type'] === type)) return event;
    }
  }

  close(code = 1000): void {
    try {
      this.ws.close(code);
    } catch {
      this.ws.terminate();
    }
  }

  terminate(): void {
    this.ws.terminate();
  }

  private push(event: RawEvent): void {
    this.events.push(event);
    this.waiter?.();
  }
}

function toText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
