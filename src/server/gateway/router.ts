import { intentForEvent } from '../../protocol/events.js';
import type { GatewayData, RawBusEvent } from '../contracts.js';
import type { Logger } from '../../util/logger.js';
import { isRecord } from './inbound.js';
import { serializeData, SharedDispatch } from './outbound.js';
import type { SessionRegistry } from './registry.js';
import type { Session } from './session.js';

/**
 * The per-session delivery algorithm of docs/protocol.md §2.3, applied to every bus event in order:
 * own membership refresh, routing (targets > space > global), mute-list refresh, mute suppression,
 * intent gate; then seq-stamp, buffer, send. `data` is serialized and encoded at most once per
 * event, and that one buffer is shared by every session it goes to.
 */
export class Router {
  constructor(
    private readonly registry: SessionRegistry,
    private readonly data: GatewayData,
    private readonly logger: Logger,
  ) {}

  route(event: RawBusEvent): void {
    const type = event.type;
    const payload = event.data;
    let shared: SharedDispatch | undefined;
    const frame = (): SharedDispatch => {
      if (shared === undefined) {
        try {
          shared = new SharedDispatch(type, serializeData(payload));
        } catch (error) {
          throw new UnserializableEvent(type, error);
        }
      }
      return shared;
    };

    // Step 1: the subject of a member.join/leave refreshes its routing and skips steps 2–5.
    let subject: string | null = null;
    if (type === 'member.join' || type === 'member.leave') {
      subject = membershipSubject(payload);
      const own = subject === null ? undefined : this.registry.ofUser(subject);
      if (subject !== null && own !== undefined) {
        const spaceIds = this.loadSpaces(subject);
        for (const session of own) {
          if (!session.isGuest && spaceIds !== null) session.spaceIds = new Set(spaceIds);
          if (session.intents.has('members')) this.visitSafely(type, session, (s) => s.deliver(frame()));
        }
      }
    }

    // Step 3 happens instead of delivery for channel_mute.*.
    if (type === 'channel_mute.create' || type === 'channel_mute.delete') {
      this.forEachRouted(event, subject, (session) => this.refreshMutes(session));
      return;
    }

    const mutable = type.startsWith('message.') || type.startsWith('typing.');
    const channelId = mutable && isRecord(payload) && typeof payload.channel_id === 'string' ? payload.channel_id : null;
    const intent = intentForEvent(type);
    this.forEachRouted(event, subject, (session) => {
      if (channelId !== null && session.mutes.has(channelId)) return;
      if (intent !== null && !session.intents.has(intent)) return;
      session.deliver(frame());
    });
  }

  /**
   * Step 2: calls `visit` once per session the event is routed to, skipping `skipUser`'s. A visit
   * that throws is logged and the remaining sessions still get the event.
   */
  private forEachRouted(event: RawBusEvent, skipUser: string | null, visit: (session: Session) => void): void {
    const safeVisit = (session: Session): void => this.visitSafely(event.type, session, visit);
    const targets = event.targetUserIds;
    if (targets !== undefined && targets !== null) {
      for (let i = 0; i < targets.length; i += 1) {
        const userId = targets[i];
        if (userId === undefined || userId === skipUser || targets.indexOf(userId) < i) continue;
        const sessions = this.registry.ofUser(userId);
        if (sessions) for (const session of sessions) safeVisit(session);
      }
      return;
    }
    const spaceId = event.spaceId;
    if (spaceId !== undefined && spaceId !== null) {
      for (const session of this.registry.values()) {
        if (session.spaceIds.has(spaceId) && session.userId !== skipUser) safeVisit(session);
      }
      return;
    }
    for (const session of this.registry.values()) if (session.userId !== skipUser) safeVisit(session);
  }

  /** A failure for one session is logged and skipped; an unserializable event aborts the route. */
  private visitSafely(type: string, session: Session, visit: (session: Session) => void): void {
    try {
      visit(session);
    } catch (error) {
      if (error instanceof UnserializableEvent) throw error;
      this.logger.error('gateway: delivering an event failed', { type, sessionId: session.id, error: String(error) });
    }
  }

  private loadSpaces(userId: string): string[] | null {
    try {
      return this.data.userSpaceIds(userId);
    } catch (error) {
      this.logger.error('gateway: reloading memberships failed', { userId, error: String(error) });
      return null;
    }
  }

  private refreshMutes(session: Session): void {
    if (session.isGuest) return;
    try {
      session.mutes = this.data.effectiveMutes(session.userId);
    } catch (error) {
      this.logger.error('gateway: reloading mutes failed', { userId: session.userId, error: String(error) });
    }
  }
}

/** The event's data cannot be turned into JSON: nobody can get it, so routing stops. */
class UnserializableEvent extends Error {
  constructor(type: string, cause: unknown) {
    super(`${type} data cannot be serialized: ${String(cause)}`);
    this.name = 'UnserializableEvent';
  }
}

/** `data.user_id`, else `data.user.id` (docs/protocol.md §2.3 step 1). */
function membershipSubject(data: unknown): string | null {
  if (!isRecord(data)) return null;
  if (typeof data.user_id === 'string') return data.user_id;
  const user = data.user;
  if (isRecord(user) && typeof user.id === 'string') return user.id;
  return null;
}
