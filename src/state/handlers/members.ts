import type { Member, MemberChunkData, MemberJoinData, MemberLeaveData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { HandlerContext, HandlerTable } from './context.js';
import { MemberSchema } from '../../models/index.js';
import { modelMerge } from '../model-merge.js';
import { mergeUser } from './presence-users.js';
import { cancelSpaceLoad } from './space-loads.js';

/** A Member built from member.join's `{space_id, user, joined_at}` (PROTOCOL.md §7.7). */
function memberFromJoin(spaceId: string, userId: string, joinedAt: string, status: string): Member {
  return {
    user_id: userId,
    space_id: spaceId,
    nickname: null,
    avatar: null,
    roles: [],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    timed_out_until: null,
    permissions: null,
    status,
  };
}

function onMemberJoin(ctx: HandlerContext, conn: ServerConnection, data: MemberJoinData): void {
  const cache = conn.cache;
  const userId = data.user?.id ?? data.user_id;
  if (!userId) return;
  if (data.user) {
    mergeUser(conn, data.user);
    ctx.emit('userUpdated', userId);
  } else if (!cache.users.has(userId)) {
    ctx.requestUser(conn, userId);
  }
  if (!cache.spaces.has(data.space_id)) {
    // My own join into a space this connection has not loaded yet.
    if (userId === conn.userId) ctx.loadSpace(conn, data.space_id);
    return;
  }
  const members = cache.membersOf(data.space_id);
  if (!members.has(userId)) {
    const joined = memberFromJoin(data.space_id, userId, data.joined_at ?? '', cache.statusOf(userId));
    cache.linkUser(joined);
    members.set(userId, joined);
  }
  ctx.emit('membersUpdated', data.space_id);
}

function onMemberLeave(ctx: HandlerContext, conn: ServerConnection, data: MemberLeaveData): void {
  const cache = conn.cache;
  const userId = data.user_id || data.user?.id;
  if (!userId) return;
  if (userId === conn.userId) cancelSpaceLoad(conn, data.space_id);
  if (userId === conn.userId && cache.spaces.has(data.space_id)) {
    // I left (or was kicked / banned): the space goes away for this connection.
    cache.deleteSpace(data.space_id);
    ctx.emit('membersUpdated', data.space_id);
    ctx.emit('spacesUpdated');
    return;
  }
  const removed = cache.members.get(data.space_id)?.delete(userId) ?? false;
  if (removed) ctx.emit('membersUpdated', data.space_id);
}

/** Merges a member event into the cached one, leaving what the store maintains: user link, status. */
const mergeMember = modelMerge(MemberSchema, ['user', 'status']);

/** Upsert: merges into the cached member (keeping its user link and tracked status) or adds a late one. */
function upsertMember(conn: ServerConnection, member: Member): void {
  const cache = conn.cache;
  if (member.user) mergeUser(conn, member.user);
  const members = cache.membersOf(member.space_id);
  const cached = members.get(member.user_id);
  if (cached) {
    mergeMember(cached, member);
    // Linked users are merged in place, so an existing link stays current.
    if (cached.user === undefined) cache.linkUser(cached);
    return;
  }
  member.status = cache.statusOf(member.user_id);
  cache.linkUser(member);
  members.set(member.user_id, member);
}

function onMemberUpdate(ctx: HandlerContext, conn: ServerConnection, member: Member): void {
  if (!conn.cache.spaces.has(member.space_id)) return;
  upsertMember(conn, member);
  ctx.emit('membersUpdated', member.space_id);
}

function onMemberChunk(ctx: HandlerContext, conn: ServerConnection, data: MemberChunkData): void {
  if (!conn.cache.spaces.has(data.space_id)) return;
  for (const member of data.members) {
    if (!member.space_id) member.space_id = data.space_id;
    if (member.space_id !== data.space_id) continue;
    upsertMember(conn, member);
  }
  ctx.emit('membersUpdated', data.space_id);
}

export const memberHandlers: HandlerTable = {
  'member.join': onMemberJoin,
  'member.leave': onMemberLeave,
  'member.update': onMemberUpdate,
  'member.chunk': onMemberChunk,
};
