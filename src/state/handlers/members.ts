import type { Member, MemberChunkData, MemberJoinData, MemberLeaveData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { loadSpace } from '../loaders/spaces.js';
import { requestUser } from '../loaders/users.js';
import { addJoinedMember, removeMember, upsertMember } from '../mutations/members.js';
import { mergeUser } from '../mutations/users.js';
import { dropSpace } from './spaces.js';
import type { HandlerTable } from './table.js';

function onMemberJoin(ctx: StateContext, conn: ServerConnection, data: MemberJoinData): void {
  const cache = conn.cache;
  const userId = data.user?.id ?? data.user_id;
  if (!userId) return;
  if (data.user) {
    mergeUser(cache, data.user);
    ctx.emit('userUpdated', userId);
  } else if (!cache.users.has(userId)) {
    void requestUser(ctx, conn, userId);
  }
  if (!cache.spaces.has(data.space_id)) {
    // My own join into a space this connection has not loaded yet.
    if (userId === conn.userId) void loadSpace(ctx, conn, data.space_id);
    return;
  }
  addJoinedMember(cache, data.space_id, userId, data.joined_at ?? '');
  ctx.emit('membersUpdated', data.space_id);
}

function onMemberLeave(ctx: StateContext, conn: ServerConnection, data: MemberLeaveData): void {
  const cache = conn.cache;
  const userId = data.user_id || data.user?.id;
  if (!userId) return;
  if (userId === conn.userId) conn.inFlight.cancelSpaceLoad(data.space_id);
  if (userId === conn.userId && cache.spaces.has(data.space_id)) {
    // I left (or was kicked / banned): the space goes away for this connection.
    dropSpace(ctx, conn, data.space_id);
    ctx.emit('membersUpdated', data.space_id);
    ctx.emit('spacesUpdated');
    return;
  }
  if (removeMember(cache, data.space_id, userId)) ctx.emit('membersUpdated', data.space_id);
}

function onMemberUpdate(ctx: StateContext, conn: ServerConnection, member: Member): void {
  if (!conn.cache.spaces.has(member.space_id)) return;
  // A merge that changed nothing (a repeated update) signals nothing: a UI would re-render for it.
  if (upsertMember(conn.cache, member)) ctx.emit('membersUpdated', member.space_id);
}

function onMemberChunk(ctx: StateContext, conn: ServerConnection, data: MemberChunkData): void {
  const cache = conn.cache;
  if (!cache.spaces.has(data.space_id)) return;
  for (const member of data.members) {
    if (!member.space_id) member.space_id = data.space_id;
    if (member.space_id !== data.space_id) continue;
    upsertMember(cache, member);
  }
  ctx.emit('membersUpdated', data.space_id);
}

export const memberHandlers: HandlerTable = {
  'member.join': onMemberJoin,
  'member.leave': onMemberLeave,
  'member.update': onMemberUpdate,
  'member.chunk': onMemberChunk,
};
