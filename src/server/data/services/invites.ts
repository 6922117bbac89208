import { badRequest, notFound } from '../errors.js';
import { newInviteCode } from '../ids.js';
import type { InviteRecord } from '../records.js';
import { toInvite } from '../serialize.js';
import { rfc3339Time, storedTime } from '../time.js';
import type { Invite } from '../wire.js';
import { requireChannelAccess, requireSpace, requireSpacePermission } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToSpace } from './context.js';
import { joinSpace } from './membership.js';
import type { Body } from './validate.js';
import { checkRange, optBool, optInt } from './validate.js';

/** Invites. `invite.create` / `invite.delete` are a superset (the real server is silent). */

const isUsable = (invite: InviteRecord, now: number): boolean =>
  (invite.expires_at_ms === null || invite.expires_at_ms > now) && (invite.max_uses === null || invite.max_uses === 0 || invite.uses < invite.max_uses);

export function listInvites(ctx: ServiceContext, userId: string, spaceId: string, channelId?: string): Invite[] {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_channels');
  return ctx.data.tables.invites
    .where('space', space.id)
    .filter((i) => channelId === undefined || i.channel_id === channelId)
    .map(toInvite);
}

export function listChannelInvites(ctx: ServiceContext, userId: string, channelId: string): Invite[] {
  const channel = requireChannelAccess(ctx, channelId, userId);
  if (channel.space_id === null) throw badRequest('direct message channels have no invites');
  return listInvites(ctx, userId, channel.space_id, channel.id);
}

export function createInvite(ctx: ServiceContext, userId: string, spaceId: string, body: Body, channelId: string | null = null): Invite {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'create_invites');
  const maxUses = optInt(body, 'max_uses');
  if (maxUses !== undefined) checkRange('max_uses', maxUses, 0, 100);
  const maxAge = optInt(body, 'max_age');
  if (maxAge !== undefined) checkRange('max_age', maxAge, 0, 604800);
  const now = ctx.data.clock.now();
  const expiresAtMs = maxAge ? now + maxAge * 1000 : null;
  let code = newInviteCode();
  while (ctx.data.tables.invites.has(code)) code = newInviteCode();
  const invite = ctx.data.tables.invites.put({
    code,
    space_id: space.id,
    channel_id: channelId,
    inviter_id: userId,
    max_uses: maxUses ?? null,
    uses: 0,
    max_age: maxAge ?? null,
    temporary: optBool(body, 'temporary') ?? false,
    created_at: storedTime(now),
    expires_at: expiresAtMs === null ? null : rfc3339Time(expiresAtMs),
    expires_at_ms: expiresAtMs,
  });
  publishToSpace(ctx, 'invite.create', toInvite(invite), space.id);
  return toInvite(invite);
}

export function createChannelInvite(ctx: ServiceContext, userId: string, channelId: string, body: Body): Invite {
  const channel = requireChannelAccess(ctx, channelId, userId);
  if (channel.space_id === null) throw badRequest('direct message channels have no invites');
  return createInvite(ctx, userId, channel.space_id, body, channel.id);
}

function requireInvite(ctx: ServiceContext, code: string): InviteRecord {
  const invite = ctx.data.tables.invites.get(code);
  if (!invite || !isUsable(invite, ctx.data.clock.now())) throw notFound('unknown_invite');
  return invite;
}

export const getInvite = (ctx: ServiceContext, code: string): Invite => toInvite(requireInvite(ctx, code));

export function deleteInvite(ctx: ServiceContext, userId: string, code: string): void {
  const invite = ctx.data.tables.invites.get(code);
  if (!invite) throw notFound('unknown_invite');
  requireSpacePermission(ctx, invite.space_id, userId, 'manage_channels');
  ctx.data.tables.invites.delete(code);
  publishToSpace(ctx, 'invite.delete', { space_id: invite.space_id, code }, invite.space_id);
}

/** Joins the invite's space (`member.join` only when newly added; a use is counted then). */
export function acceptInvite(ctx: ServiceContext, userId: string, code: string): Invite {
  const invite = requireInvite(ctx, code);
  const joined = joinSpace(ctx, invite.space_id, userId, 'invite', invite.inviter_id, invite.code);
  const next = joined ? ctx.data.tables.invites.put({ ...invite, uses: invite.uses + 1 }) : invite;
  return toInvite(next);
}
