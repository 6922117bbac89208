import type { Message, MessageDeleteBulkData, MessageDeleteData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import { MessageSchema } from '../../models/index.js';
import { modelMerge } from '../model-merge.js';
import type { HandlerContext, HandlerTable } from './context.js';
import { journalEvent, openJournals } from './refresh-journal.js';

/** Whether a message event belongs to this connection (DM events leak globally, PROTOCOL.md §2.4). */
function ownsChannel(conn: ServerConnection, channelId: string, spaceId: string | null | undefined): boolean {
  const cache = conn.cache;
  return cache.isKnownChannel(channelId) || (!!spaceId && cache.spaces.has(spaceId));
}

function onMessageCreate(ctx: HandlerContext, conn: ServerConnection, message: Message): void {
  const cache = conn.cache;
  const channelId = message.channel_id;
  // A space's message is never a DM's (PROTOCOL.md §4.6): the DM lookup only for the others.
  const dm = message.space_id ? undefined : cache.dmChannels.get(channelId);
  let list = cache.messages.get(channelId);
  if (!list) {
    if (!dm && !ownsChannel(conn, channelId, message.space_id)) return;
    list = cache.messageList(channelId);
  }
  if (!list.push(message, ctx.messageCap)) return;
  if (openJournals !== 0) journalEvent(conn, channelId, { kind: 'create', message });

  const authorId = message.author_id;
  if (!cache.users.has(authorId)) ctx.requestUser(conn, authorId);
  if (authorId !== conn.userId && channelId !== ctx.currentChannelId) {
    cache.unread.add(channelId);
    if (message.mention_everyone || message.mentions.includes(conn.userId)) {
      cache.mentions.set(channelId, (cache.mentions.get(channelId) ?? 0) + 1);
    }
  }
  if (dm) {
    dm.last_message_id = message.id;
    dm.last_message = message;
  }
  ctx.emit('messagesUpdated', channelId);
  if (dm) ctx.emit('dmChannelsUpdated');
}

const mergeMessage = modelMerge(MessageSchema);

/**
 * Merges an edit into the cached message. The wire always sends `reactions: null` and usually
 * `reply_count: 0` (PROTOCOL.md §3.2): those never wipe what we hold. Unchanged values keep the
 * cached ones, so an edit retains only what it changed (the frame's copies die young).
 */
export function mergeMessageUpdate(cached: Message, message: Message): void {
  const keepReactions = message.reactions === null;
  const keepReplyCount = message.reply_count === 0 && cached.reply_count > 0;
  const reactions = cached.reactions;
  const replyCount = cached.reply_count;
  mergeMessage(cached, message);
  if (keepReactions) cached.reactions = reactions;
  if (keepReplyCount) cached.reply_count = replyCount;
}

function onMessageUpdate(ctx: HandlerContext, conn: ServerConnection, message: Message): void {
  // Journaled before the lookup: the page in flight may hold a message the cache does not.
  if (openJournals !== 0) journalEvent(conn, message.channel_id, { kind: 'update', message });
  const cached = conn.cache.findMessage(message.id, message.channel_id);
  if (!cached) return;
  mergeMessageUpdate(cached, message);
  ctx.emit('messagesUpdated', cached.channel_id);
}

function onMessageDelete(ctx: HandlerContext, conn: ServerConnection, data: MessageDeleteData): void {
  if (openJournals !== 0) journalEvent(conn, data.channel_id, { kind: 'delete', ids: [data.id] });
  const cache = conn.cache;
  let channelId = data.channel_id;
  // One lookup where the event says the message is; every list of the connection only if not there.
  if (!cache.messages.get(channelId)?.remove(data.id)) {
    const cached = cache.findMessage(data.id);
    if (!cached) return;
    channelId = cached.channel_id;
    cache.messages.get(channelId)?.remove(data.id);
  }
  ctx.emit('messagesUpdated', channelId);
}

/** One pass over the channel's list with an id set, one signal. */
function onMessageDeleteBulk(ctx: HandlerContext, conn: ServerConnection, data: MessageDeleteBulkData): void {
  if (openJournals !== 0) journalEvent(conn, data.channel_id, { kind: 'delete', ids: data.ids });
  const cache = conn.cache;
  const list = cache.messages.get(data.channel_id);
  if (!list || data.ids.length === 0) return;
  if (list.removeIds(new Set(data.ids)) === 0) return;
  ctx.emit('messagesUpdated', data.channel_id);
}

export const messageHandlers: HandlerTable = {
  'message.create': onMessageCreate,
  'message.update': onMessageUpdate,
  'message.delete': onMessageDelete,
  'message.delete_bulk': onMessageDeleteBulk,
};
