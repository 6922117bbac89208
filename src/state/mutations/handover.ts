import type { Message } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';
import { compareIds } from '../ids.js';

/**
 * A shared channel changes hands: the new owner's list gains the messages only the previous
 * owner held (copies: each account's cache mutates its own objects, and `me` on reactions is the
 * previous account's until the new owner's REST refresh). Returns whether anything was added.
 */
export function adoptMessages(from: ConnectionCache, to: ConnectionCache, channelId: string, cap: number): boolean {
  const theirs = from.messages.get(channelId);
  if (!theirs || theirs.size === 0) return false;
  const list = to.messageList(channelId);
  const merged: Message[] = list.toArray().slice();
  let added = false;
  for (const message of theirs.toArray()) {
    if (list.has(message.id)) continue;
    merged.push(structuredClone(message));
    added = true;
  }
  if (added) list.reset(merged.sort((a, b) => compareIds(a.id, b.id)), cap);
  return added;
}
