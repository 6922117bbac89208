import type { AccordStore, ServerConnection, StoreChannel } from '../../src/state/index.js';
import { displayName } from './format.js';

/** Derived reads the views share, built only from the store's public reads. */

export interface UnreadSummary {
  unread: boolean;
  mentions: number;
}

export function spaceUnread(store: AccordStore, spaceId: string): UnreadSummary {
  return unreadOver(store, store.channels(spaceId));
}

export function spaceIdsOf(conn: ServerConnection): string[] {
  return [...conn.spaceIds];
}

/** The name a member shows in a space: nickname, then display name, then username. */
export function memberName(store: AccordStore, spaceId: string | null, userId: string): string {
  const nickname = spaceId ? store.member(spaceId, userId)?.nickname : undefined;
  return nickname || displayName(store.user(userId), userId);
}

/** A DM's name: the group's own name, else the other recipients' names. */
export function dmName(store: AccordStore, channel: StoreChannel): string {
  if (channel.name) return channel.name;
  const me = store.connectionOf(channel.id)?.user?.id;
  const others = (channel.recipients ?? []).filter((user) => user.id !== me);
  const names = others.map((user) => displayName(store.user(user.id) ?? user, user.id));
  return names.length > 0 ? names.join(', ') : 'Direct message';
}

/** Unread and mentions over every DM of every connection. */
export function dmsUnread(store: AccordStore): UnreadSummary {
  return unreadOver(store, store.dmChannels());
}

function unreadOver(store: AccordStore, channels: readonly StoreChannel[]): UnreadSummary {
  let unread = false;
  let mentions = 0;
  for (const channel of channels) {
    if (store.isUnread(channel.id)) unread = true;
    mentions += store.mentionCount(channel.id);
  }
  return { unread, mentions };
}
