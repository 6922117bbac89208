import type { Message } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';

/** Whether `id` is in its channel's list (not a thread's reply, not a held create of mine). */
export function isListed(cache: ConnectionCache, channelId: string, id: string): boolean {
  return cache.messages.get(channelId)?.has(id) ?? false;
}

/**
 * Puts a message back in its channel's list (an optimistic delete the server refused), at its
 * place in id order, keeping history paged in around it. Returns whether it went back (not when
 * the channel's list is gone or already holds it again).
 */
export function restoreMessage(cache: ConnectionCache, message: Message): boolean {
  return cache.messages.get(message.channel_id)?.restore(message) ?? false;
}
