import type { Message } from '../../models/index.js';
import { compareIds, isServerId } from '../ids.js';
import type { ConnectionCache } from '../connection-cache.js';
import type { MessageList } from '../message-list.js';

/**
 * Older top-level messages paged in by loadOlder go before the held ones (none twice, none
 * deleted while the page was in flight); the list then holds everything until collapsed.
 * Returns the messages added, oldest first.
 */
export function prependHistory(list: MessageList, older: readonly Message[], deleted: ReadonlySet<string>): Message[] {
  // Only what is older than the oldest message the server knows that is held: nothing lands
  // between held messages (the page was read from below that one).
  const oldest = list.oldest((message) => isServerId(message.id))?.id;
  const fresh = older
    .filter((message) => !deleted.has(message.id) && (oldest === undefined || compareIds(message.id, oldest) < 0))
    .sort((a, b) => compareIds(a.id, b.id));
  return list.prepend(fresh);
}

/** The channel's list back to the newest `cap` messages. Returns whether anything changed. */
export function collapseHistory(cache: ConnectionCache, channelId: string, cap: number): boolean {
  const list = cache.messages.get(channelId);
  if (!list?.holdAll) return false;
  return list.trim(cap) > 0;
}

/** Collapses every paged-in channel but `keep` (the channel the UI now shows). Returns those that shrank. */
export function collapseHistoryExcept(cache: ConnectionCache, keep: string | null, cap: number): string[] {
  const shrunk: string[] = [];
  for (const [channelId, list] of cache.messages) {
    if (channelId !== keep && list.holdAll && list.trim(cap) > 0) shrunk.push(channelId);
  }
  return shrunk;
}
