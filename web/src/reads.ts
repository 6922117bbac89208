import type { AccordStore, ServerConnection } from '../../src/state/index.js';
import { displayName } from './format.js';

/** Derived reads the views share, built only from the store's public reads. */

export function spaceUnread(store: AccordStore, spaceId: string): { unread: boolean; mentions: number } {
  let unread = false;
  let mentions = 0;
  for (const channel of store.channels(spaceId)) {
    if (store.isUnread(channel.id)) unread = true;
    mentions += store.mentionCount(channel.id);
  }
  return { unread, mentions };
}

export function spaceIdsOf(conn: ServerConnection): string[] {
  return [...conn.spaceIds];
}

/** The name a member shows in a space: nickname, then display name, then username. */
export function memberName(store: AccordStore, spaceId: string | null, userId: string): string {
  const nickname = spaceId ? store.member(spaceId, userId)?.nickname : undefined;
  return nickname || displayName(store.user(userId), userId);
}
