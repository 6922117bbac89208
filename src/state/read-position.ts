import type { ConnectionCache } from './connection-cache.js';
import type { StateContext } from './context.js';
import { compareIds, isServerId } from './ids.js';

/**
 * The newest top-level message of a channel this connection knows (its cached list, or the
 * channel's `last_message_id`): what "read up to here" means. Null when it knows of none.
 */
export function newestMessageId(cache: ConnectionCache, channelId: string): string | null {
  const last = cache.channel(channelId)?.last_message_id ?? null;
  const newest = cache.messages.get(channelId)?.newest((message) => !message.thread_id && isServerId(message.id));
  return newest !== undefined && (last === null || compareIds(newest.id, last) > 0) ? newest.id : last;
}

/**
 * Whether a cached message from someone else than `userId` is newer than `readUpTo`: a walk back
 * from the newest, stopping at `readUpTo` (a delete in an unread channel runs it; no list copy).
 */
export function hasUnreadAfter(cache: ConnectionCache, channelId: string, userId: string, readUpTo: string): boolean {
  const found = cache.messages
    .get(channelId)
    ?.newest((message) => compareIds(message.id, readUpTo) <= 0 || (message.author_id !== userId && !message.thread_id && isServerId(message.id)));
  return found !== undefined && compareIds(found.id, readUpTo) > 0;
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
