import type { ConnectionCache } from './connection-cache.js';
import type { StateContext } from './context.js';
import { compareIds } from './ids.js';

/** A message id the server can ack: not a pending send's `local:` id. */
function isServerId(id: string): boolean {
  return !id.startsWith('local:');
}

/**
 * The newest top-level message of a channel this connection knows (its cached list, or the
 * channel's `last_message_id`): what "read up to here" means. Null when it knows of none.
 */
export function newestMessageId(cache: ConnectionCache, channelId: string): string | null {
  let newest = cache.channel(channelId)?.last_message_id ?? null;
  const messages = cache.messages.get(channelId)?.toArray();
  if (messages !== undefined) {
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i];
      if (message === undefined || message.thread_id || !isServerId(message.id)) continue;
      if (newest === null || compareIds(message.id, newest) > 0) newest = message.id;
      break;
    }
  }
  return newest;
}

/** Whether a cached message from someone else than `userId` is newer than `readUpTo`. */
export function hasUnreadAfter(cache: ConnectionCache, channelId: string, userId: string, readUpTo: string): boolean {
  const messages = cache.messages.get(channelId)?.toArray();
  if (messages === undefined) return false;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message === undefined || compareIds(message.id, readUpTo) <= 0) return false;
    if (message.author_id !== userId && !message.thread_id && isServerId(message.id)) return true;
  }
  return false;
}

/**
 * A channel's unread flag or mention count changed: the channel list hears it (the seed's UI
 * draws unread dots from it), `channelsUpdated(spaceId)` for a space channel, `dmChannelsUpdated()`
 * for a DM; and the channel's view, `messagesUpdated(channelId)`.
 */
export function emitUnreadChanged(ctx: StateContext, cache: ConnectionCache, channelId: string): void {
  if (cache.dmChannels.has(channelId)) ctx.emit('dmChannelsUpdated');
  else {
    const spaceId = cache.channels.get(channelId)?.space_id;
    if (spaceId) ctx.emit('channelsUpdated', spaceId);
  }
  ctx.emit('messagesUpdated', channelId);
}
