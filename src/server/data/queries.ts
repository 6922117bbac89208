import { compareIds } from './ids.js';
import type { ChannelRecord, MemberRecord } from './records.js';
import { isDmChannel } from './serialize.js';
import type { Tables } from './tables.js';
import { pairKey } from './tables.js';
import type { UnreadChannel } from './wire.js';

/** Read-only lookups shared by READY, the gateway seam and the services. */

export const userSpaceIds = (tables: Tables, userId: string): string[] =>
  tables.members.where('user', userId).map((m) => m.space_id);

/** Channels of a space ordered by position (then id, so ties are stable). */
export const spaceChannels = (tables: Tables, spaceId: string): ChannelRecord[] =>
  tables.channels.where('space', spaceId).sort((a, b) => a.position - b.position || compareIds(a.id, b.id));

export const spaceRoles = (tables: Tables, spaceId: string) =>
  tables.roles.where('space', spaceId).sort((a, b) => a.position - b.position || compareIds(a.id, b.id));

/** Members ordered by user_id, system users left out. */
export function spaceMembers(tables: Tables, spaceId: string): MemberRecord[] {
  return tables.members
    .where('space', spaceId)
    .filter((m) => tables.users.get(m.user_id)?.system !== true)
    .sort((a, b) => compareIds(a.user_id, b.user_id));
}

/** DM and group DM channels the user takes part in, newest activity first. */
export function dmChannelsOf(tables: Tables, userId: string): ChannelRecord[] {
  const out: ChannelRecord[] = [];
  for (const p of tables.participants.where('user', userId)) {
    const channel = tables.channels.get(p.channel_id);
    if (channel && isDmChannel(channel)) out.push(channel);
  }
  return out.sort((a, b) => compareIds(b.last_message_id ?? '0', a.last_message_id ?? '0'));
}

export const dmPeerIds = (tables: Tables, userId: string): string[] => {
  const peers = new Set<string>();
  for (const channel of dmChannelsOf(tables, userId)) {
    for (const p of tables.participants.where('channel', channel.id)) if (p.user_id !== userId) peers.add(p.user_id);
  }
  return [...peers];
};

export const friendIds = (tables: Tables, userId: string): string[] =>
  tables.relationships
    .where('user', userId)
    .filter((r) => r.type === 1)
    .map((r) => r.target_id);

export function effectiveMutes(tables: Tables, userId: string): Set<string> {
  const muted = new Set(tables.mutes.where('user', userId).map((m) => m.channel_id));
  for (const channelId of [...muted]) {
    const channel = tables.channels.get(channelId);
    if (channel?.type !== 'category' || channel.space_id === null) continue;
    for (const child of tables.channels.where('space', channel.space_id)) {
      if (child.parent_id === channelId) muted.add(child.id);
    }
  }
  return muted;
}

/** Every channel of the user (space or DM) with a message newer than its read state (§4.12). */
export function unreadFor(tables: Tables, userId: string): UnreadChannel[] {
  const channels: ChannelRecord[] = [];
  for (const spaceId of userSpaceIds(tables, userId)) channels.push(...spaceChannels(tables, spaceId));
  channels.push(...dmChannelsOf(tables, userId));
  const out: UnreadChannel[] = [];
  for (const channel of channels) {
    if (channel.last_message_id === null) continue;
    const state = tables.readStates.get(pairKey(userId, channel.id));
    const lastRead = state?.last_read_message_id ?? null;
    if (lastRead !== null && compareIds(channel.last_message_id, lastRead) <= 0) continue;
    out.push({
      channel_id: channel.id,
      space_id: channel.space_id,
      last_read_message_id: lastRead,
      last_message_id: channel.last_message_id,
      mention_count: state?.mention_count ?? 0,
    });
  }
  return out;
}

export function displayName(tables: Tables, userId: string): string {
  const user = tables.users.get(userId);
  return user?.display_name ?? user?.username ?? userId;
}
