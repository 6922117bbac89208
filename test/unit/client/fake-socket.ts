import type { WebSocketConstructor, WebSocketLike } from '../../../src/gateway/index.js';

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
  return {
    session_id: 'sess-1',
    user_id: userId,
    user: {
      id: userId,
      username: 'alice',
      display_name: 'Alice',
      avatar: null,
      banner: null,
      accent_color: null,
      bio: null,
      bot: false,
      system: false,
      is_admin: true,
      mfa_enabled: false,
      disabled: false,
      flags: 0,
      public_flags: 0,
      created_at: '2024-05-01 12:00:00',
    },
    spaces: [],
    channels: [],
    members: [],
    roles: [],
    users: [],
    voice_states: [],
    dm_channels: [],
    mutes: [],
    unread: [],
    presences: [],
    relationships: [],
    is_guest: false,
    api_version: 'v1',
    server_version: '0.1.32',
    motd: null,
  };
}
