import type { GatewayData, ResolvedToken } from '../../../src/server/contracts.js';
import type { GatewayTransport } from '../../../src/server/gateway/connection.js';
import { Gateway } from '../../../src/server/gateway/gateway.js';
import type { GatewayLimits } from '../../../src/server/gateway/options.js';
import { resolveLimits } from '../../../src/server/gateway/options.js';
import type { Logger } from '../../../src/util/logger.js';
import { FakeClock } from '../../../src/util/fake-clock.js';

export interface Frame {
  op: number;
  type?: string;
  seq?: number;
  data?: unknown;
}

/**
 * A transport that records what the gateway sends. While `paused`, frames wait unsent (a reader
 * that stopped reading) and count towards `backlogEvents` / `backlogBytes` until `flush()`.
 */
export class FakeTransport implements GatewayTransport {
  readonly sent: string[] = [];
  closedWith: { code: number; reason: string } | null = null;
  terminated = false;
  paused = false;
  private readonly waiting: { text: string; dispatch: boolean }[] = [];

  send(text: string): void {
    this.write(text, false);
  }
  sendDispatch(shared: Buffer, tail: string): void {
    this.write(`${shared.toString('utf8')}${tail}`, true);
  }
  get backlogEvents(): number {
    let events = 0;
    for (const frame of this.waiting) if (frame.dispatch) events += 1;
    return events;
  }
  get backlogBytes(): number {
    let bytes = 0;
    for (const frame of this.waiting) bytes += Buffer.byteLength(frame.text);
    return bytes;
  }
  /** Hands every waiting frame over (the reader caught up). */
  flush(): void {
    for (const frame of this.waiting.splice(0)) this.sent.push(frame.text);
  }
  private write(text: string, dispatch: boolean): void {
    if (this.paused) this.waiting.push({ text, dispatch });
    else this.sent.push(text);
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
  terminate(): void {
    this.terminated = true;
    this.waiting.length = 0;
  }
  sendThenTerminate(text: string): void {
    this.send(text);
    this.terminate();
  }
  frames(): Frame[] {
    return this.sent.map((text) => JSON.parse(text) as Frame);
  }
  dispatches(type?: string): Frame[] {
    return this.frames().filter((f) => f.op === 0 && (type === undefined || f.type === type));
  }
  last(): Frame | undefined {
    return this.frames().at(-1);
  }
}

interface FakeChannel {
  id: string;
  type: string;
  space_id: string | null;
}

/** An in-memory GatewayData with just enough to drive every gateway rule. */
export class FakeData implements GatewayData {
  readonly tokens = new Map<string, ResolvedToken>();
  readonly memberships = new Map<string, Set<string>>();
  readonly mutes = new Map<string, Set<string>>();
  readonly friends = new Map<string, string[]>();
  readonly channels = new Map<string, FakeChannel>();
  readonly participants = new Map<string, string[]>();
  readonly denied = new Set<string>();
  readonly timedOut = new Set<string>();
  readonly guestCounts = new Map<string, number>();
  snapshotCalls = 0;

  addUser(userId: string, token = `Bearer tok-${userId}`, kind: ResolvedToken['kind'] = 'user', guestSpaceId?: string): string {
    this.tokens.set(token, guestSpaceId ? { userId, kind, guestSpaceId } : { userId, kind });
    return token;
  }
  join(userId: string, spaceId: string): void {
    let set = this.memberships.get(userId);
    if (!set) this.memberships.set(userId, (set = new Set()));
    set.add(spaceId);
  }
  leave(userId: string, spaceId: string): void {
    this.memberships.get(userId)?.delete(spaceId);
  }

  resolveToken(header: string): ResolvedToken | null {
    return this.tokens.get(header) ?? null;
  }
  userSpaceIds(userId: string): string[] {
    return [...(this.memberships.get(userId) ?? [])];
  }
  effectiveMutes(userId: string): Set<string> {
    return new Set(this.mutes.get(userId) ?? []);
  }
  friendIds(userId: string): string[] {
    return this.friends.get(userId) ?? [];
  }
  readySnapshot(userId: string, isGuest: boolean): Record<string, unknown> {
    this.snapshotCalls += 1;
    const spaces = this.userSpaceIds(userId);
    const members: { user_id: string; space_id: string }[] = [];
    for (const [member, set] of this.memberships) {
      for (const space of spaces) if (set.has(space)) members.push({ user_id: member, space_id: space });
    }
    return {
      user_id: userId,
      user: isGuest ? null : { id: userId },
      spaces: spaces.map((id) => ({ id })),
      channels: [],
      members,
      roles: [],
      users: [],
      dm_channels: [],
      mutes: [],
      unread: [],
      relationships: [],
      is_guest: isGuest,
      api_version: 'v1',
      server_version: '0.1.32',
      motd: null,
    };
  }
  channel(channelId: string): FakeChannel | undefined {
    return this.channels.get(channelId);
  }
  dmParticipants(channelId: string): string[] {
    return this.participants.get(channelId) ?? [];
  }
  hasChannelPermission(userId: string, channelId: string, permission: string): boolean {
    return !this.denied.has(`${userId}:${channelId}:${permission}`);
  }
  isTimedOut(userId: string, spaceId: string): boolean {
    return this.timedOut.has(`${userId}:${spaceId}`);
  }
  displayName(userId: string): string {
    return `name-${userId}`;
  }
  spaceMembers(spaceId: string): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const [userId, set] of this.memberships) {
      if (set.has(spaceId)) out.push({ user_id: userId, space_id: spaceId, nickname: null, user: { id: userId, username: `user-${userId}`, display_name: `name-${userId}` } });
    }
    return out;
  }
  anonymousCount(spaceId: string, delta: number): number {
    const next = Math.max(0, (this.guestCounts.get(spaceId) ?? 0) + delta);
    this.guestCounts.set(spaceId, next);
    return next;
  }
}

export const ALL_INTENTS = [
  'spaces',
  'moderation',
  'emojis',
  'soundboard',
  'voice_states',
  'messages',
  'message_reactions',
  'message_typing',
  'plugins',
  'relationships',
  'members',
  'presences',
];

export interface Harness {
  clock: FakeClock;
  data: FakeData;
  gateway: Gateway;
  logs: { level: string; message: string; details?: Record<string, unknown> }[];
  connect(): { transport: FakeTransport; send(frame: unknown): void; sendText(text: string): void; conn: ReturnType<Gateway['accept']> };
  /** Connects and IDENTIFYs; returns the peer and its READY data. */
  identify(
    token: string,
    intents?: string[],
    presence?: unknown,
  ): ReturnType<Harness['connect']> & { sessionId: string; ready: Record<string, unknown> };
}

export function createHarness(limits: Partial<GatewayLimits> = {}): Harness {
  const clock = new FakeClock(1_000_000);
  const data = new FakeData();
  const logs: Harness['logs'] = [];
  const logger: Logger = {
    debug: (message, details) => logs.push({ level: 'debug', message, details }),
    warn: (message, details) => logs.push({ level: 'warn', message, details }),
    error: (message, details) => logs.push({ level: 'error', message, details }),
  };
  const gateway = new Gateway(data, {
    limits: resolveLimits(limits),
    clock,
    logger,
    voiceUrl: () => 'ws://127.0.0.1:1/voice-stub',
  });
  const connect: Harness['connect'] = () => {
    const transport = new FakeTransport();
    const conn = gateway.accept(transport);
    return {
      transport,
      conn,
      send: (frame) => conn.receiveText(JSON.stringify(frame)),
      sendText: (text) => conn.receiveText(text),
    };
  };
  return {
    clock,
    data,
    gateway,
    logs,
    connect,
    identify(token, intents = ALL_INTENTS, presence) {
      const peer = connect();
      peer.send({ op: 2, data: presence === undefined ? { token, intents } : { token, intents, presence } });
      const ready = peer.transport.dispatches('ready')[0];
      if (!ready) throw new Error(`no READY: ${peer.transport.sent.join(' | ')}`);
      const readyData = ready.data as Record<string, unknown>;
      return { ...peer, sessionId: readyData.session_id as string, ready: readyData };
    },
  };
}
