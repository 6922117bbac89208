import { VERSION_INFO } from './version.js';
import {
  dmChannelsOf,
  effectiveMutes,
  spaceChannels,
  spaceMembers,
  spaceRoles,
  unreadFor,
  userSpaceIds,
} from './queries.js';
import { visibleToEveryone } from './permissions.js';
import { toChannel, toDmChannel, toMember, toRelationshipEntry, toRole, toSpace, toUser } from './serialize.js';
import type { Tables } from './tables.js';
import type { Channel, Member, Role, SpaceRow, User } from './wire.js';

/**
 * READY data (docs/protocol.md §1.6) without `session_id`, `presences` and `voice_states`, which the
 * gateway owns. For guests, `spaceIds` is the one space they are scoped to, and channels hidden
 * from @everyone are left out.
 */
export function buildReadySnapshot(
  tables: Tables,
  userId: string,
  isGuest: boolean,
  motd: string | null,
  guestSpaceIds: string[] = [],
): Record<string, unknown> {
  const self = tables.users.get(userId);
  const spaceIds = isGuest ? guestSpaceIds : userSpaceIds(tables, userId);
  const spaces: SpaceRow[] = [];
  const channels: Channel[] = [];
  const members: Member[] = [];
  const roles: Role[] = [];
  const users = new Map<string, User>();
  for (const spaceId of spaceIds) {
    const space = tables.spaces.get(spaceId);
    if (!space) continue;
    spaces.push(toSpace(space));
    for (const channel of spaceChannels(tables, spaceId)) {
      // a guest is not shown channels hidden from @everyone (the real server lists them: DEVIATIONS.md)
      if (!isGuest || visibleToEveryone(tables, channel)) channels.push(toChannel(channel));
    }
    for (const member of spaceMembers(tables, spaceId)) {
      members.push(toMember(member));
      const user = tables.users.get(member.user_id);
      if (user && !users.has(user.id)) users.set(user.id, toUser(user));
    }
    for (const role of spaceRoles(tables, spaceId)) roles.push(toRole(role)); // QUIRK: no space_id
  }
  return {
    user_id: userId,
    user: !isGuest && self ? toUser(self) : null,
    spaces,
    channels,
    members,
    roles,
    users: [...users.values()],
    dm_channels: isGuest ? [] : dmChannelsOf(tables, userId).map((c) => toDmChannel(tables, c)),
    mutes: isGuest ? [] : [...effectiveMutes(tables, userId)].map((channel_id) => ({ channel_id })),
    unread: isGuest ? [] : unreadFor(tables, userId),
    relationships: isGuest ? [] : tables.relationships.where('user', userId).map((r) => toRelationshipEntry(tables, r)),
    is_guest: isGuest,
    api_version: VERSION_INFO.apiVersion,
    server_version: VERSION_INFO.serverVersion,
    motd,
  };
}
