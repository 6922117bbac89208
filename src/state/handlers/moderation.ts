import type { Ban, BanDeleteData, Invite, InviteDeleteData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { HandlerTable } from './table.js';

/** Bans and invites are cached per space (the seed's GW-2) and kept current by these events. */
function onBanCreate(ctx: StateContext, conn: ServerConnection, ban: Ban): void {
  if (!conn.cache.spaces.has(ban.space_id)) return;
  conn.cache.bans.upsert(ban.space_id, ban);
  ctx.emit('bansUpdated', ban.space_id);
}

function onBanDelete(ctx: StateContext, conn: ServerConnection, data: BanDeleteData): void {
  if (!conn.cache.spaces.has(data.space_id)) return;
  conn.cache.bans.remove(data.space_id, data.user_id);
  ctx.emit('bansUpdated', data.space_id);
}

function onInviteCreate(ctx: StateContext, conn: ServerConnection, invite: Invite): void {
  if (!conn.cache.spaces.has(invite.space_id)) return;
  conn.cache.invites.upsert(invite.space_id, invite);
  ctx.emit('invitesUpdated', invite.space_id);
}

/** invite.delete names the code and, usually, the space; without it every space is searched. */
function onInviteDelete(ctx: StateContext, conn: ServerConnection, data: InviteDeleteData): void {
  const cache = conn.cache;
  const spaceIds = data.space_id ? [data.space_id] : Array.from(cache.spaces.keys());
  for (const spaceId of spaceIds) {
    if (!cache.spaces.has(spaceId)) continue;
    const had = cache.invites.list(spaceId).some((invite) => invite.code === data.code);
    if (!had && !data.space_id) continue;
    cache.invites.remove(spaceId, data.code);
    ctx.emit('invitesUpdated', spaceId);
  }
}

export const moderationHandlers: HandlerTable = {
  'ban.create': onBanCreate,
  'ban.delete': onBanDelete,
  'invite.create': onInviteCreate,
  'invite.delete': onInviteDelete,
};
