import { forbidden } from '../errors.js';
import { isMember } from '../permissions.js';
import type { MemberRecord } from '../records.js';
import { toUser } from '../serialize.js';
import { pairKey } from '../tables.js';
import { storedTime } from '../time.js';
import { requireUser } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToSpace } from './context.js';
import { insertMessage } from './messages.js';

export const isBanned = (ctx: ServiceContext, spaceId: string, userId: string): boolean =>
  ctx.data.tables.bans.has(pairKey(spaceId, userId));

/** Whether the user was ever a member of the space (seeded, created, joined), even if they left. */
export const everJoined = (ctx: ServiceContext, spaceId: string, userId: string): boolean =>
  ctx.data.tables.joins.has(pairKey(spaceId, userId));

/** Inserts the member row silently (and remembers the join); the caller announces. */
export function insertMember(ctx: ServiceContext, spaceId: string, userId: string, roles: string[] = []): MemberRecord {
  if (!everJoined(ctx, spaceId, userId)) ctx.data.tables.joins.put({ space_id: spaceId, user_id: userId });
  return ctx.data.tables.members.put({
    user_id: userId,
    space_id: spaceId,
    nickname: null,
    avatar: null,
    roles,
    joined_at: storedTime(ctx.data.clock.now()),
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    timed_out_until: null,
  });
}

/**
 * Adds a user to a space (public join, invite accept, registration auto-join): `member.join`, the
 * joiner's stored presence (superset, DEVIATIONS.md), `audit_log.create`, and the system welcome
 * message on the user's first-ever join of that space (a rejoin after leaving gets none). Returns
 * false when already a member.
 */
export function joinSpace(ctx: ServiceContext, spaceId: string, userId: string, via: 'public' | 'invite' | 'register', inviterId?: string | null, inviteCode?: string): boolean {
  if (isBanned(ctx, spaceId, userId)) throw forbidden('you are banned from this space');
  if (isMember(ctx.data.tables, spaceId, userId)) return false;
  const user = requireUser(ctx, userId);
  const firstJoin = !everJoined(ctx, spaceId, userId);
  const member = insertMember(ctx, spaceId, userId);
  publishToSpace(ctx, 'member.join', { space_id: spaceId, user: toUser(user), joined_at: member.joined_at }, spaceId);
  ctx.gateway.publishPresence(userId, spaceId);
  if (via !== 'register') {
    publishToSpace(ctx, 'audit_log.create', {
      id: ctx.data.nextId(),
      space_id: spaceId,
      user_id: userId,
      action_type: via === 'public' ? 'member_join' : 'invite_accept',
      target_id: via === 'invite' ? (inviterId ?? null) : null,
      target_type: via === 'invite' ? 'invite' : null,
      reason: null,
      changes: via === 'invite' ? { invite_code: inviteCode ?? null, inviter_id: inviterId ?? null } : null,
      created_at: member.joined_at,
    }, spaceId);
  }
  const systemChannelId = ctx.data.tables.spaces.get(spaceId)?.system_channel_id;
  const systemChannel = systemChannelId ? ctx.data.tables.channels.get(systemChannelId) : undefined;
  if (systemChannel && firstJoin) {
    const name = user.display_name ?? user.username;
    insertMessage(ctx, systemChannel, userId, { content: `${name} joined the server.`, type: 'member_join' });
  }
  return true;
}

/** Removes the member row and announces `member.leave`. */
export function removeMember(ctx: ServiceContext, spaceId: string, userId: string): boolean {
  if (!ctx.data.tables.members.delete(pairKey(spaceId, userId))) return false;
  publishToSpace(ctx, 'member.leave', { space_id: spaceId, user_id: userId }, spaceId);
  return true;
}
