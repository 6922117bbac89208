import { forbidden, notFound } from '../errors.js';
import { compareIds } from '../ids.js';
import { isMember, outranksUser } from '../permissions.js';
import type { BanRecord } from '../records.js';
import { pairKey } from '../tables.js';
import { storedTime } from '../time.js';
import type { Ban } from '../wire.js';
import { requireSpace, requireSpacePermission, requireUser } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToSpace } from './context.js';
import { removeMember } from './membership.js';
import { removeMessage } from './messages.js';
import type { Body } from './validate.js';
import { optInt, optNullableString } from './validate.js';

export function listBans(ctx: ServiceContext, userId: string, spaceId: string): Ban[] {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'ban_members');
  return ctx.data.tables.bans.where('space', space.id).map((b) => ({ ...b })).sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
}

export function getBan(ctx: ServiceContext, actorId: string, spaceId: string, userId: string): Ban {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, actorId, 'ban_members');
  const ban = ctx.data.tables.bans.get(pairKey(space.id, userId));
  if (!ban) throw notFound('unknown_ban');
  return { ...ban };
}

/**
 * `PUT /spaces/{id}/bans/{uid}`: `member.leave`, then `ban.create`, then one `message.delete` per
 * message of the user from the last `delete_message_seconds` (0-604800) in the space's channels.
 */
export function banMember(ctx: ServiceContext, actorId: string, spaceId: string, userId: string, body: Body): Ban & { deleted_message_count: number } {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, actorId, 'ban_members');
  requireUser(ctx, userId);
  if (userId === actorId) throw forbidden('you cannot ban yourself');
  const { tables, clock } = ctx.data;
  if (isMember(tables, space.id, userId) && !outranksUser(tables, space.id, actorId, userId)) throw forbidden('member is above you');
  if (space.owner_id === userId) throw forbidden('the owner cannot be banned');
  const seconds = Math.min(604800, Math.max(0, optInt(body, 'delete_message_seconds') ?? 0));
  const ban: BanRecord = tables.bans.put({
    user_id: userId,
    space_id: space.id,
    reason: optNullableString(body, 'reason') ?? null,
    banned_by: actorId,
    created_at: storedTime(clock.now()),
  });
  removeMember(ctx, space.id, userId);
  publishToSpace(ctx, 'ban.create', { ...ban }, space.id);
  let deleted = 0;
  if (seconds > 0) {
    const since = clock.now() - seconds * 1000;
    for (const channel of tables.channels.where('space', space.id)) {
      const purge = tables.messages
        .where('channel', channel.id)
        .filter((m) => m.author_id === userId && m.created_at_ms >= since)
        .sort((a, b) => compareIds(a.id, b.id));
      for (const message of purge) {
        removeMessage(ctx, message);
        publishToSpace(ctx, 'message.delete', { id: message.id, channel_id: channel.id, space_id: space.id }, space.id);
        deleted++;
      }
    }
  }
  return { ...ban, deleted_message_count: deleted };
}

/** Unban: `ban.delete`; membership is not restored. */
export function unbanMember(ctx: ServiceContext, actorId: string, spaceId: string, userId: string): void {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, actorId, 'ban_members');
  if (!ctx.data.tables.bans.delete(pairKey(space.id, userId))) throw notFound('unknown_ban');
  publishToSpace(ctx, 'ban.delete', { space_id: space.id, user_id: userId }, space.id);
}
