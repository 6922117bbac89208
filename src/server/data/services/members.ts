import { badRequest, forbidden, missingPermission, notFound } from '../errors.js';
import { compareIds } from '../ids.js';
import { hasSpacePermission, outranksRole, outranksUser } from '../permissions.js';
import { spaceMembers } from '../queries.js';
import type { MemberRecord } from '../records.js';
import { toMember, toPublicUser } from '../serialize.js';
import { pairKey } from '../tables.js';
import { parseTime, rfc3339Time } from '../time.js';
import type { Member } from '../wire.js';
import { requireMember, requireSpace, requireSpacePermission } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToSpace } from './context.js';
import { removeMember } from './membership.js';
import type { Body } from './validate.js';
import { checkLength, optNullableString, optStringArray } from './validate.js';

export interface MemberQuery {
  after?: string;
  limit?: number;
  withUser?: boolean;
}

function withUser(ctx: ServiceContext, member: MemberRecord, include: boolean): Member {
  const user = include ? ctx.data.tables.users.get(member.user_id) : undefined;
  return toMember(member, user ? toPublicUser(user) : undefined);
}

/** Paged by user_id; `cursor` only when there are more pages. Guests may list their own space. */
export function listMembers(ctx: ServiceContext, viewerId: string, spaceId: string, query: MemberQuery, guestSpaceId?: string) {
  const space = requireSpace(ctx, spaceId);
  if (guestSpaceId !== space.id) requireMember(ctx, space.id, viewerId);
  const limit = Math.min(1000, Math.max(1, query.limit ?? 50));
  const after = query.after;
  const all = spaceMembers(ctx.data.tables, space.id).filter((m) => after === undefined || compareIds(m.user_id, after) > 0);
  const page = all.slice(0, limit);
  const data = page.map((m) => withUser(ctx, m, query.withUser === true));
  const last = page.at(-1);
  return all.length > page.length && last ? { data, cursor: { after: last.user_id, has_more: true } } : { data };
}

export function searchMembers(ctx: ServiceContext, viewerId: string, spaceId: string, text: string, limit: number | undefined, include: boolean): Member[] {
  const space = requireSpace(ctx, spaceId);
  requireMember(ctx, space.id, viewerId);
  const needle = text.toLowerCase();
  return spaceMembers(ctx.data.tables, space.id)
    .filter((m) => {
      const username = ctx.data.tables.users.get(m.user_id)?.username.toLowerCase() ?? '';
      return username.includes(needle) || (m.nickname?.toLowerCase().includes(needle) ?? false);
    })
    .slice(0, Math.min(100, Math.max(1, limit ?? 25)))
    .map((m) => withUser(ctx, m, include));
}

export function requireMemberRow(ctx: ServiceContext, spaceId: string, userId: string): MemberRecord {
  const member = ctx.data.tables.members.get(pairKey(spaceId, userId));
  if (!member) throw notFound('unknown_member');
  return member;
}

export function getMember(ctx: ServiceContext, viewerId: string, spaceId: string, userId: string): Member {
  const space = requireSpace(ctx, spaceId);
  requireMember(ctx, space.id, viewerId);
  return toMember(requireMemberRow(ctx, space.id, userId));
}

function saveAndAnnounce(ctx: ServiceContext, next: MemberRecord): Member {
  ctx.data.tables.members.put(next);
  const payload = toMember(next);
  publishToSpace(ctx, 'member.update', payload, next.space_id);
  return payload;
}

function avatarPath(value: string | null, spaceId: string, userId: string): string | null {
  return value === null || value === '' ? null : `/cdn/avatars/${spaceId}_${userId}.png`;
}

/** `PATCH /spaces/{id}/members/{uid}`: each field needs its own permission (§5.4). */
export function patchMember(ctx: ServiceContext, actorId: string, spaceId: string, userId: string, body: Body): Member {
  const space = requireSpace(ctx, spaceId);
  requireMember(ctx, space.id, actorId);
  const member = requireMemberRow(ctx, space.id, userId);
  const { tables } = ctx.data;
  const need = (permission: string) => {
    if (!hasSpacePermission(tables, space.id, actorId, permission)) throw missingPermission(permission);
  };
  const next: MemberRecord = { ...member };
  const nickname = optNullableString(body, 'nickname');
  const avatar = optNullableString(body, 'avatar');
  if (nickname !== undefined || avatar !== undefined) {
    need(actorId === userId ? 'change_nickname' : 'manage_nicknames');
    if (nickname !== undefined) next.nickname = nickname === null || nickname === '' ? null : checkLength('nickname', nickname, 1, 32);
    if (avatar !== undefined) next.avatar = avatarPath(avatar, space.id, userId);
  }
  const roles = optStringArray(body, 'roles');
  if (roles !== undefined) {
    need('manage_roles');
    for (const roleId of roles) {
      const role = tables.roles.get(roleId);
      if (role?.space_id !== space.id || role.position === 0) throw badRequest(`unknown role ${roleId}`);
    }
    const changed = [...roles.filter((r) => !member.roles.includes(r)), ...member.roles.filter((r) => !roles.includes(r))];
    for (const roleId of changed) {
      if (!outranksRole(tables, space.id, actorId, tables.roles.get(roleId)?.position ?? 0)) throw forbidden('role is above your highest role');
    }
    next.roles = [...new Set(roles)];
  }
  for (const key of ['mute', 'deaf'] as const) {
    if (!(key in body)) continue;
    if (typeof body[key] !== 'boolean') throw badRequest(`${key} must be a boolean`);
    need(key === 'mute' ? 'mute_members' : 'deafen_members');
    next[key] = body[key];
  }
  const timeoutKey = 'communication_disabled_until' in body ? 'communication_disabled_until' : 'timed_out_until' in body ? 'timed_out_until' : null;
  if (timeoutKey) {
    need('moderate_members');
    if (actorId !== userId && !outranksUser(tables, space.id, actorId, userId)) throw forbidden('member is above you');
    const until = optNullableString(body, timeoutKey);
    if (until === null || until === undefined) next.timed_out_until = null;
    else {
      const ms = parseTime(until);
      if (Number.isNaN(ms)) throw badRequest(`${timeoutKey} must be an RFC3339 timestamp`);
      next.timed_out_until = rfc3339Time(ms);
    }
  }
  return saveAndAnnounce(ctx, next);
}

/** `PATCH /spaces/{id}/members/@me` [change_nickname]: nickname and avatar only. */
export function patchSelfMember(ctx: ServiceContext, userId: string, spaceId: string, body: Body): Member {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'change_nickname');
  const member = requireMemberRow(ctx, space.id, userId);
  const next: MemberRecord = { ...member };
  const nickname = optNullableString(body, 'nickname');
  if (nickname !== undefined) next.nickname = nickname === null || nickname === '' ? null : checkLength('nickname', nickname, 1, 32);
  const avatar = optNullableString(body, 'avatar');
  if (avatar !== undefined) next.avatar = avatarPath(avatar, space.id, userId);
  return saveAndAnnounce(ctx, next);
}

export function leaveSpace(ctx: ServiceContext, userId: string, spaceId: string): void {
  const space = requireSpace(ctx, spaceId);
  requireMember(ctx, space.id, userId);
  if (space.owner_id === userId) throw badRequest('the owner cannot leave the space');
  removeMember(ctx, space.id, userId);
}

export function kickMember(ctx: ServiceContext, actorId: string, spaceId: string, userId: string): void {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, actorId, 'kick_members');
  requireMemberRow(ctx, space.id, userId);
  if (!outranksUser(ctx.data.tables, space.id, actorId, userId)) throw forbidden('member is above you');
  removeMember(ctx, space.id, userId);
}

export function setMemberRole(ctx: ServiceContext, actorId: string, spaceId: string, userId: string, roleId: string, add: boolean): void {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, actorId, 'manage_roles');
  const member = requireMemberRow(ctx, space.id, userId);
  const role = ctx.data.tables.roles.get(roleId);
  if (role?.space_id !== space.id || role.position === 0) throw notFound('unknown_role');
  if (!outranksRole(ctx.data.tables, space.id, actorId, role.position)) throw forbidden('role is above your highest role');
  const roles = add ? [...new Set([...member.roles, roleId])] : member.roles.filter((r) => r !== roleId);
  saveAndAnnounce(ctx, { ...member, roles });
}
