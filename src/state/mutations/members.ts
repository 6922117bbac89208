import type { Member, UserStatus } from '../../models/index.js';
import { MemberSchema } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';
import { modelMergeCounted } from './model-merge.js';
import { mergeUserCounted } from './users.js';

/** A Member built from member.join's `{space_id, user, joined_at}` (docs/protocol.md §7.7). */
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

/** A joined user enters the space's members (a member already there stays as it is). */
export function addJoinedMember(cache: ConnectionCache, spaceId: string, userId: string, joinedAt: string): void {
  const members = cache.membersOf(spaceId);
  if (members.has(userId)) return;
  const joined = memberFromJoin(spaceId, userId, joinedAt, cache.statusOf(userId));
  cache.linkUser(joined);
  members.set(userId, joined);
}

/** Returns whether the member was there. */
export function removeMember(cache: ConnectionCache, spaceId: string, userId: string): boolean {
  return cache.members.get(spaceId)?.delete(userId) ?? false;
}

/** Merges a member event into the cached one, leaving what the store maintains: user link, status. */
// `user` and `status` are the store's; `user_id` and `space_id` are how the cached member was
// found (its space's map, by user id), so they are equal already (two string compares fewer).
const mergeMember = modelMergeCounted(MemberSchema, ['user', 'status', 'user_id', 'space_id']);

/**
 * Upsert: merges into the cached member (keeping its user link and tracked status) or adds a late
 * one. Returns whether anything changed: a member added, a field of it or of its user written.
 */
export function upsertMember(cache: ConnectionCache, member: Member): boolean {
  const userWrites = member.user ? mergeUserCounted(cache, member.user) : 0;
  const members = cache.membersOf(member.space_id);
  const cached = members.get(member.user_id);
  if (cached) {
    const writes = mergeMember(cached, member);
    // Linked users are merged in place, so an existing link stays current.
    if (cached.user === undefined) {
      cache.linkUser(cached);
      if (cached.user !== undefined) return true;
    }
    return writes + userWrites !== 0;
  }
  member.status = cache.statusOf(member.user_id);
  cache.linkUser(member);
  members.set(member.user_id, member);
  return true;
}

/** A member from a REST page: added unless an event added it meanwhile (the event is newer). */
export function addLoadedMember(cache: ConnectionCache, spaceId: string, member: Member): void {
  const members = cache.membersOf(spaceId);
  if (members.has(member.user_id)) return;
  member.space_id = spaceId;
  member.status = cache.statusOf(member.user_id);
  cache.linkUser(member);
  members.set(member.user_id, member);
}

/** Returns whether the member's status changed. */
export function setMemberStatus(member: Member, status: UserStatus): boolean {
  if (member.status === status) return false;
  member.status = status;
  return true;
}
