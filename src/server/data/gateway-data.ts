import type { GatewayData, ResolvedToken } from '../contracts.js';
import type { Clock } from '../../util/clock.js';
import { sha256Hex } from './ids.js';
import { hasChannelPermission } from './permissions.js';
import { displayName, effectiveMutes, friendIds, spaceMembers, userSpaceIds } from './queries.js';
import { toMember, toPublicUser } from './serialize.js';
import { buildReadySnapshot } from './ready.js';
import { parseTime } from './time.js';
import type { ServerSettings } from './server-data.js';
import type { Tables } from './tables.js';
import { pairKey } from './tables.js';

/** Resolves `Bot x` / `Bearer x` (exact, case-sensitive prefixes) to a user, or null. */
export function resolveToken(tables: Tables, clock: Clock, header: string): ResolvedToken | null {
  const activeUser = (userId: string): boolean => {
    const user = tables.users.get(userId);
    return user !== undefined && !user.disabled;
  };
  if (header.startsWith('Bot ')) {
    const row = tables.botTokens.get(sha256Hex(header.slice(4)));
    return row && activeUser(row.user_id) ? { userId: row.user_id, kind: 'bot' } : null;
  }
  if (!header.startsWith('Bearer ')) return null;
  const hash = sha256Hex(header.slice(7));
  const now = clock.now();
  const token = tables.userTokens.get(hash);
  if (token && token.expires_at_ms > now) return activeUser(token.user_id) ? { userId: token.user_id, kind: 'user' } : null;
  const guest = tables.guestTokens.get(hash);
  if (guest && guest.expires_at_ms > now) return { userId: guest.user_id, kind: 'guest', guestSpaceId: guest.space_id };
  return null;
}

/** The GatewayData seam (contracts.ts) over the tables. */
export function createGatewayData(tables: Tables, clock: Clock, settings: ServerSettings): GatewayData {
  /** Guest counter per space (not persisted: guests never outlive the process). */
  const guestCounts = new Map<string, number>();
  return {
    resolveToken: (header) => resolveToken(tables, clock, header),
    userSpaceIds: (userId) => userSpaceIds(tables, userId),
    effectiveMutes: (userId) => effectiveMutes(tables, userId),
    friendIds: (userId) => friendIds(tables, userId),
    readySnapshot(userId, isGuest) {
      const guestSpace = isGuest ? tables.guestTokens.where('user', userId)[0]?.space_id : undefined;
      return buildReadySnapshot(tables, userId, isGuest, settings.motd, guestSpace ? [guestSpace] : []);
    },
    channel(channelId) {
      const row = tables.channels.get(channelId);
      return row ? { ...row } : undefined;
    },
    dmParticipants: (channelId) => tables.participants.where('channel', channelId).map((p) => p.user_id),
    hasChannelPermission: (userId, channelId, permission) => hasChannelPermission(tables, channelId, userId, permission),
    isTimedOut(userId, spaceId) {
      const until = tables.members.get(pairKey(spaceId, userId))?.timed_out_until;
      return until ? parseTime(until) > clock.now() : false;
    },
    displayName: (userId) => displayName(tables, userId),
    spaceMembers: (spaceId) =>
      spaceMembers(tables, spaceId).map((m) => {
        const user = tables.users.get(m.user_id);
        return toMember(m, user ? toPublicUser(user) : undefined) as unknown as Record<string, unknown>;
      }),
    anonymousCount(spaceId, delta) {
      const count = Math.max(0, (guestCounts.get(spaceId) ?? 0) + delta);
      guestCounts.set(spaceId, count);
      return count;
    },
  };
}
