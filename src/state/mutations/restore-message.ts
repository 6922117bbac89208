import type { Message } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';

/** Where a message sat in its channel's list: after `afterId` (null: first), at `index`. */
export interface ListPlace {
  readonly afterId: string | null;
  readonly index: number;
}

/** Where `id` sits in its channel's list now, or null when it is not cached there. */
export function placeOf(cache: ConnectionCache, channelId: string, id: string): ListPlace | null {
  const messages = cache.messages.get(channelId)?.toArray();
  if (!messages) return null;
  const index = messages.findIndex((message) => message.id === id);
  if (index < 0) return null;
  return { afterId: index > 0 ? (messages[index - 1]?.id ?? null) : null, index };
}

/**
 * Puts a message back where it was (an optimistic delete the server refused): after the message
 * that preceded it when that is still there, else at its old index. Returns whether it went back
 * (not when the channel's list is gone or already holds it again).
 */
export function restoreMessage(cache: ConnectionCache, message: Message, place: ListPlace, cap: number): boolean {
  const list = cache.messages.get(message.channel_id);
  if (!list || list.has(message.id)) return false;
  const messages = list.toArray().slice();
  let at = place.afterId === null ? 0 : messages.findIndex((each) => each.id === place.afterId) + 1;
  if (at <= 0 && place.afterId !== null) at = Math.min(place.index, messages.length);
  messages.splice(at, 0, message);
  list.reset(messages, Math.max(cap, messages.length));
  return true;
}
