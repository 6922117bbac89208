import { createHash, randomBytes } from 'node:crypto';
import type { GatewayControl, RawBusEvent, GatewayData, LiveState, StoredPresence } from '../contracts.js';
import { nextSnowflake } from '../ids.js';
import { GatewayOpcodes } from '../../protocol/opcodes.js';
import type { ConnectionHost, GatewayTransport } from './connection.js';
import { Connection } from './connection.js';
import type { IdentifyRequest, ResumeRequest } from './inbound.js';
import { isRecord, parsePresenceUpdate } from './inbound.js';
import { handleRequestMembers } from './members.js';
import type { GatewayRuntime } from './options.js';
import { serializeData } from './outbound.js';
import { presenceUpdateData } from '../presence-update.js';
import { readyPresence, resolvePresence } from './presence.js';
import { SessionRegistry } from './registry.js';
import type { ReplayEntry } from './replay-buffer.js';
import { Router } from './router.js';
import { Session } from './session.js';
import { handleVoiceSignal } from './signal.js';
import type { VoiceContext } from './voice.js';
import { handleVoiceStateUpdate, leaveVoice } from './voice.js';

/** sha256 hex of the bare token (prefix stripped), as the data side keys its token tables. */
export function tokenHash(header: string): string {
  const bare = header.startsWith('Bot ') ? header.slice(4) : header.startsWith('Bearer ') ? header.slice(7) : header;
  return createHash('sha256').update(bare).digest('hex');
}

/**
 * The gateway: connections, sessions (live and parked), the event bus and its routing,
 * presence and voice. Transport-agnostic: `accept` takes anything that can send, close and
 * terminate, so unit tests drive it with fakes and a FakeClock.
 */
export class Gateway implements ConnectionHost {
  readonly live: LiveState;
  readonly registry = new SessionRegistry();
  readonly connections = new Set<Connection>();
  readonly control: GatewayControl;
  private readonly router: Router;
  private readonly voice: VoiceContext;
  private pausedEvents: RawBusEvent[] | null = null;
  private nextConnectionId = 1;

  constructor(
    readonly data: GatewayData,
    readonly runtime: GatewayRuntime,
    live?: LiveState,
  ) {
    this.live = live ?? { presences: new Map(), voiceStates: new Map() };
    this.router = new Router(this.registry, data, runtime.logger);
    this.voice = {
      data,
      live: this.live,
      publish: (event) => this.publish(event),
      voiceUrl: runtime.voiceUrl,
      secret: randomBytes(32),
      now: () => runtime.clock.now(),
    };
    this.control = {
      bus: { publish: (event) => this.publish(event) },
      live: this.live,
      isConnected: (userId) => this.registry.hasUser(userId),
      endSessionsForToken: (hash) => {
        for (const session of [...this.registry.values()]) if (session.tokenHash === hash) this.endForGood(session, 'token revoked');
      },
      publishPresence: (userId, spaceId) => {
        const presence = this.live.presences.get(userId);
        if (presence !== undefined) this.publish({ type: 'presence.update', data: presenceUpdateData(userId, presence), spaceId });
        this.sendMemberPresencesTo(userId, spaceId);
      },
    };
  }

  /**
   * Superset: a member joining mid-session has no way to learn who in the space is online (READY
   * is the only other source, and there is no presence endpoint), so it is sent each co-member's
   * stored presence, targeted at it alone.
   */
  private sendMemberPresencesTo(userId: string, spaceId: string): void {
    const members = this.data.spaceMembers?.(spaceId) ?? [];
    const targetUserIds = [userId];
    for (const member of members) {
      const memberId = member['user_id'];
      if (typeof memberId !== 'string' || memberId === userId) continue;
      const stored = this.live.presences.get(memberId);
      if (stored !== undefined) this.publish({ type: 'presence.update', data: presenceUpdateData(memberId, stored), targetUserIds });
    }
  }

  /** A new socket: sends HELLO and runs the handshake. */
  accept(transport: GatewayTransport): Connection {
    const connection = new Connection(this.nextConnectionId++, this, transport);
    this.connections.add(connection);
    connection.open();
    return connection;
  }

  /** The event bus: routes to every live and parked session (docs/protocol.md §2.3). */
  publish(event: RawBusEvent): void {
    if (this.pausedEvents !== null) {
      this.pausedEvents.push(event);
      return;
    }
    try {
      this.router.route(event);
    } catch (error) {
      this.runtime.logger.error('gateway: routing an event failed', { type: event.type, error: String(error) });
    }
  }

  pauseDispatch(): void {
    this.pausedEvents ??= [];
  }

  /** Routes everything queued while paused, in order; returns how many events it flushed. */
  resumeDispatch(): number {
    const queued = this.pausedEvents;
    this.pausedEvents = null;
    if (queued === null) return 0;
    for (const event of queued) this.publish(event);
    return queued.length;
  }

  identify(connection: Connection, request: IdentifyRequest): Session | null {
    const resolved = this.data.resolveToken(request.token);
    if (resolved === null) return null;
    const { userId } = resolved;
    const isGuest = resolved.kind === 'guest';
    try {
      const session = new Session({
        id: nextSnowflake(),
        userId,
        kind: resolved.kind,
        guestSpaceId: resolved.guestSpaceId,
        tokenHash: tokenHash(request.token),
        intents: new Set(request.intents),
        spaceIds: new Set(isGuest ? (resolved.guestSpaceId ? [resolved.guestSpaceId] : []) : this.data.userSpaceIds(userId)),
        mutes: isGuest ? new Set() : this.data.effectiveMutes(userId),
        friendIds: isGuest ? [] : this.data.friendIds(userId),
        replayLimits: { frames: this.runtime.limits.replayBufferLimit, bytes: this.runtime.limits.replayBufferBytes },
      });
      const snapshot = this.data.readySnapshot(userId, isGuest);
      let presence: StoredPresence | null = null;
      if (!isGuest) {
        presence = resolvePresence(request.presence, this.live.presences.get(userId));
        this.live.presences.set(userId, presence);
      }
      const ready = {
        ...snapshot,
        session_id: session.id,
        presences: isGuest ? [] : this.readyPresences(snapshot, userId),
        voice_states: this.readyVoiceStates(session.spaceIds),
      };
      connection.sendText(`{"op":0,"seq":1,"type":"ready","data":${serializeData(ready)}}`);
      session.sink = connection;
      if (isGuest && session.guestSpaceId !== undefined) this.publishAnonymousCount(session.guestSpaceId, 0);
      if (presence !== null) this.publishPresence(userId, session.spaceIds, session.friendIds, presence);
      // Subscribing only now is what the real server does: no own connect presence.update.
      this.registry.add(session);
      this.runtime.logger.debug('gateway: identified', { sessionId: session.id, userId, kind: resolved.kind });
      return session;
    } catch (error) {
      this.runtime.logger.error('gateway: identify failed', { userId, error: String(error) });
      return null;
    }
  }

  resume(connection: Connection, request: ResumeRequest): Session | null {
    const resolved = this.data.resolveToken(request.token);
    if (resolved === null) return null;
    const session = this.registry.get(request.sessionId);
    // Someone else's attempt must not consume the owner's parked entry.
    if (!session || !session.parked || session.userId !== resolved.userId) return null;
    this.runtime.clock.clearTimeout(session.expiryTimer);
    session.expiryTimer = undefined;

    const current = session.seq;
    let frames: ReplayEntry[] | null = null;
    if (request.seq === current) frames = [];
    else if (request.seq < current) {
      const oldest = session.replay.oldestSeq();
      if (oldest !== undefined && oldest <= request.seq + 1) frames = session.replay.entriesAfter(request.seq);
    }
    if (frames === null) {
      // QUIRK kept: the claim already consumed the session and its presence is left as it was.
      this.registry.remove(session);
      session.ended = true;
      this.runtime.logger.debug('gateway: resume gap not coverable', { sessionId: session.id, clientSeq: request.seq, seq: current });
      return null;
    }
    try {
      if (!session.isGuest) {
        session.spaceIds = new Set(this.data.userSpaceIds(session.userId));
        session.mutes = this.data.effectiveMutes(session.userId);
        session.friendIds = this.data.friendIds(session.userId);
      }
    } catch (error) {
      this.runtime.logger.error('gateway: reloading session on resume failed', { sessionId: session.id, error: String(error) });
    }
    session.sink = connection;
    connection.replay(frames);
    const resumed = serializeData({ session_id: session.id, seq: current, replayed: frames.length });
    connection.sendText(`{"op":0,"seq":${current},"type":"resumed","data":${resumed}}`);
    if (!session.isGuest && !this.live.presences.has(session.userId)) {
      const presence: StoredPresence = { status: 'online', activities: [] };
      this.live.presences.set(session.userId, presence);
      this.publishPresence(session.userId, session.spaceIds, session.friendIds, presence);
    }
    this.runtime.logger.debug('gateway: resumed', { sessionId: session.id, replayed: frames.length });
    return session;
  }

  /** Ops after the handshake; false when the frame was ignored. */
  handleOp(session: Session, op: number, data: unknown): boolean {
    try {
      switch (op) {
        case GatewayOpcodes.PRESENCE_UPDATE:
          return this.updatePresence(session, data);
        case GatewayOpcodes.VOICE_STATE_UPDATE:
          return handleVoiceStateUpdate(this.voice, session, data) !== 'ignored';
        case GatewayOpcodes.REQUEST_MEMBERS:
          return handleRequestMembers(this.data, session, data) > 0;
        case GatewayOpcodes.VOICE_SIGNAL:
          return handleVoiceSignal(this.voice, session, data).length > 0;
        default:
          return false;
      }
    } catch (error) {
      this.runtime.logger.error('gateway: handling an op failed', { op, sessionId: session.id, error: String(error) });
      return false;
    }
  }

  /** End-of-session effects (docs/protocol.md §1.19); parks the session when `resumable`. */
  endSession(session: Session, resumable: boolean, reason: string): void {
    if (session.ended) return;
    session.sink = null;
    const park = resumable && !session.isGuest;
    if (!park) {
      this.registry.remove(session);
      session.ended = true;
    }
    leaveVoice(this.voice, session.userId, session.id, true);
    if (session.isGuest && session.guestSpaceId !== undefined) this.publishAnonymousCount(session.guestSpaceId, -1);
    if (park) {
      session.expiryTimer = this.runtime.clock.setTimeout(() => this.expire(session), this.runtime.limits.resumeWindowMs);
    } else {
      this.publishOfflineIfGone(session);
    }
    this.runtime.logger.debug(park ? 'gateway: session parked' : 'gateway: session ended', {
      sessionId: session.id,
      userId: session.userId,
      reason,
    });
  }

  /** Ends a live or parked session so it cannot be resumed. */
  endForGood(session: Session, reason: string): void {
    if (session.ended) return;
    if (session.sink !== null) {
      session.sink.drop(reason, false);
      return;
    }
    this.runtime.clock.clearTimeout(session.expiryTimer);
    session.expiryTimer = undefined;
    this.registry.remove(session);
    session.ended = true;
    this.publishOfflineIfGone(session);
  }

  connectionFinished(connection: Connection): void {
    this.connections.delete(connection);
  }

  /** Forgets every session and connection without end-of-session effects (restart / shutdown). */
  reset(): string[] {
    const ids: string[] = [];
    for (const connection of [...this.connections]) connection.abandon();
    for (const session of this.registry.values()) {
      this.runtime.clock.clearTimeout(session.expiryTimer);
      session.expiryTimer = undefined;
      session.ended = true;
      session.sink = null;
      ids.push(session.id);
    }
    this.registry.clear();
    this.live.presences.clear();
    this.live.voiceStates.clear();
    this.pausedEvents = null;
    return ids;
  }

  get liveSessionCount(): number {
    let count = 0;
    for (const session of this.registry.values()) if (session.sink !== null) count += 1;
    return count;
  }

  get parkedSessionCount(): number {
    return this.registry.size - this.liveSessionCount;
  }

  private expire(session: Session): void {
    session.expiryTimer = undefined;
    if (!session.parked) return;
    this.registry.remove(session);
    session.ended = true;
    this.runtime.logger.debug('gateway: resume window expired', { sessionId: session.id, userId: session.userId });
    this.publishOfflineIfGone(session);
  }

  private updatePresence(session: Session, data: unknown): boolean {
    const presence = parsePresenceUpdate(data);
    if (presence === null) return false;
    this.live.presences.set(session.userId, presence);
    this.publishPresence(session.userId, session.spaceIds, session.friendIds, presence);
    return true;
  }

  /** When the user has no other session left: presence removed and `offline` broadcast. */
  private publishOfflineIfGone(session: Session): void {
    if (this.registry.hasUser(session.userId) || !this.live.presences.has(session.userId)) return;
    this.live.presences.delete(session.userId);
    this.publishPresence(session.userId, session.spaceIds, session.friendIds, null);
  }

  /** One space-routed copy per space, plus one to the friends (docs/protocol.md §3.5). */
  private publishPresence(
    userId: string,
    spaceIds: ReadonlySet<string>,
    friendIds: readonly string[],
    presence: StoredPresence | null,
  ): void {
    const data = presenceUpdateData(userId, presence);
    for (const spaceId of spaceIds) this.publish({ type: 'presence.update', data, spaceId });
    if (friendIds.length > 0) this.publish({ type: 'presence.update', data, targetUserIds: friendIds });
  }

  private publishAnonymousCount(spaceId: string, delta: number): void {
    if (!this.data.anonymousCount) return;
    const count = this.data.anonymousCount(spaceId, delta);
    this.publish({ type: 'anonymous_count_updated', data: { count, space_id: spaceId }, spaceId });
  }

  private readyPresences(snapshot: Record<string, unknown>, selfId: string): Record<string, unknown>[] {
    const userIds = new Set<string>();
    const members = snapshot.members;
    if (Array.isArray(members)) {
      for (const member of members) if (isRecord(member) && typeof member.user_id === 'string') userIds.add(member.user_id);
    }
    if (userIds.size === 0) userIds.add(selfId);
    const out: Record<string, unknown>[] = [];
    for (const userId of userIds) {
      const presence = this.live.presences.get(userId);
      if (presence) out.push(readyPresence(userId, presence));
    }
    return out;
  }

  private readyVoiceStates(spaceIds: ReadonlySet<string>): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const state of this.live.voiceStates.values()) {
      if (state.space_id !== null && spaceIds.has(state.space_id)) out.push({ ...state });
    }
    return out;
  }
}
