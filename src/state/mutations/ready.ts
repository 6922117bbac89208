import type { ReadyData, Role } from '../../models/index.js';
import { visibleStatus } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { MessageList } from '../message-list.js';
import type { StoreUser } from '../types.js';
import { carryLoadedThreads } from './threads.js';
import { applyVoiceState } from './voice-states.js';

/** What a rebuild carries over from the connection's previous data. */
export interface ReadyCarryOver {
  /** Channel id -> messages held before this READY (to refresh over REST). */
  previousMessages: Map<string, MessageList>;
  /** Spaces whose bans / invites had been loaded (to reload). */
  bansLoaded: string[];
  invitesLoaded: string[];
  /** Parent ids of loaded threads kept for their reload. */
  loadedThreads: string[];
}

/**
 * Groups READY's roles by space. The wire carries no space_id (docs/protocol.md §1.6): each space's
 * roles are one run starting with its @everyone (position 0), in `spaces` order. Returns null when
 * that is ambiguous (group count differs from the space count, or a run lacks its @everyone):
 * the caller then fetches roles per space.
 */
export function groupReadyRoles(roles: readonly Role[], spaceIds: readonly string[]): Map<string, Role[]> | null {
  const bySpace = new Map<string, Role[]>();
  if (roles.length > 0 && roles.every((role) => typeof role.space_id === 'string' && role.space_id !== '')) {
    for (const role of roles) {
      const spaceId = role.space_id as string;
      let list = bySpace.get(spaceId);
      if (!list) {
        list = [];
        bySpace.set(spaceId, list);
      }
      list.push(role);
    }
    for (const spaceId of spaceIds) if (!bySpace.has(spaceId)) return null;
    return bySpace;
  }
  const groups: Role[][] = [];
  for (const role of roles) {
    if (role.position === 0) groups.push([role]);
    else {
      const current = groups[groups.length - 1];
      if (!current) return null;
      current.push(role);
    }
  }
  if (groups.length !== spaceIds.length) return null;
  spaceIds.forEach((spaceId, i) => bySpace.set(spaceId, groups[i] ?? []));
  return bySpace;
}

/**
 * Replaces the connection's data with READY's (docs/protocol.md §1.6), storing the wire objects
 * themselves; members are joined with their users (`member.user`). Messages of channels that
 * still exist are kept in place until their REST refresh.
 * Returns what the rebuild carried over; a space left without roles is fetched per space.
 */
export function hydrateReady(conn: ServerConnection, data: ReadyData): ReadyCarryOver {
  const cache = conn.cache;
  const bansLoaded = cache.bans.loadedSpaces();
  const invitesLoaded = cache.invites.loadedSpaces();
  const previousThreads = new Map(cache.threads);
  const previousMessages = cache.clear(true);
  conn.userId = data.user_id;

  const users = cache.users;
  for (const user of data.users) {
    (user as StoreUser).status = 'offline';
    users.set(user.id, user);
  }
  // A cached user carries its status; the statuses map keeps only the others' (statusOf reads both).
  const statuses = cache.statuses;
  for (const presence of data.presences) {
    const status = visibleStatus(presence.status);
    presence.status = status;
    cache.presences.set(presence.user_id, presence);
    const user = users.get(presence.user_id);
    if (user) user.status = status;
    else statuses.set(presence.user_id, status);
  }
  if (data.user) conn.user = users.get(data.user.id) ?? cache.putUser(data.user);
  else conn.user = null;

  for (const space of data.spaces) cache.setSpace(space);
  for (const channel of data.channels) cache.setChannel(channel);

  let lastSpaceId = '';
  let spaceMembers = new Map<string, (typeof data.members)[number]>();
  for (const member of data.members) {
    const user = users.get(member.user_id);
    if (user) {
      member.user = user;
      member.status = user.status ?? 'offline';
    } else {
      member.status = statuses.get(member.user_id) ?? 'offline';
    }
    if (member.space_id !== lastSpaceId) {
      lastSpaceId = member.space_id;
      spaceMembers = cache.membersOf(member.space_id);
    }
    spaceMembers.set(member.user_id, member);
  }

  const roles = groupReadyRoles(data.roles, Array.from(cache.spaces.keys()));
  if (roles) for (const [spaceId, list] of roles) if (cache.spaces.has(spaceId)) cache.roles.set(spaceId, list);

  for (const state of data.voice_states) applyVoiceState(cache, state);

  for (const channel of data.dm_channels) {
    for (const recipient of channel.recipients ?? []) if (!users.has(recipient.id)) cache.putUser(recipient);
    cache.setChannel(channel);
  }

  for (const mute of data.mutes) cache.mutes.add(mute.channel_id);
  for (const entry of data.unread) {
    // READY lists muted channels too (mutes include a muted category's children): never unread.
    if (!cache.mutes.has(entry.channel_id)) cache.unread.add(entry.channel_id);
    if (entry.mention_count > 0) cache.mentions.set(entry.channel_id, entry.mention_count);
  }
  for (const relationship of data.relationships) cache.relationships.set(relationship.id, relationship);

  for (const [channelId, list] of previousMessages) {
    if (!cache.isKnownChannel(channelId)) continue;
    cache.messages.set(channelId, list);
  }

  const loadedThreads = carryLoadedThreads(previousThreads, cache);

  return { previousMessages, bansLoaded, invitesLoaded, loadedThreads };
}
