import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { requestUser } from '../loaders/users.js';
import { addThreadReply, countThreadMention, removeThreadReply } from '../mutations/threads.js';

/**
 * A live reply (`thread_id` set, docs/protocol.md §10) goes into its thread, never into the channel's
 * list (the channel's pages are top-level only). It moves no DM preview and marks nothing unread
 * (the server moves neither `last_message_id` nor the read state); a reply that mentions me counts
 * in the channel's mention count, as the server's read state does.
 */
export function onThreadReplyCreate(ctx: StateContext, conn: ServerConnection, message: Message, parentId: string): void {
  const cache = conn.cache;
  const channelId = message.channel_id;
  const channel = cache.channel(channelId);
  // DM events reach every connection (docs/protocol.md §2.4): only the owner's counts.
  if (!channel && !(message.space_id && cache.spaces.has(message.space_id))) return;
  const placement = addThreadReply(cache, message, parentId, ctx.messageCap);
  if (placement === 'duplicate') return;
  const authorId = message.author_id;
  if (!cache.users.has(authorId)) void requestUser(ctx, conn, authorId);
  if (authorId !== conn.userId && channelId !== ctx.currentChannelId && (message.mention_everyone || message.mentions.includes(conn.userId))) {
    countThreadMention(cache, channelId);
    const spaceId = channel?.space_id ?? message.space_id;
    if (spaceId) ctx.emit('channelsUpdated', spaceId);
    else ctx.emit('dmChannelsUpdated');
  }
  if (placement === 'added') ctx.emit('threadUpdated', parentId);
}

/** A parent's edit (its `reply_count` after a new reply) is news for its thread too. */
export function onThreadParentUpdate(ctx: StateContext, conn: ServerConnection, message: Message): void {
  if (conn.cache.threads.has(message.id)) ctx.emit('threadUpdated', message.id);
}

/** A deleted reply leaves its thread. Returns whether one did. */
export function onThreadReplyDelete(ctx: StateContext, conn: ServerConnection, id: string): boolean {
  const parentId = removeThreadReply(conn.cache, id);
  if (parentId === null) return false;
  ctx.emit('threadUpdated', parentId);
  return true;
}
