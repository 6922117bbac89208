import type { Message, MessageDeleteBulkData, MessageDeleteData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { dropHeld, findMessageOrHeld, holdOwnCreate } from '../actions/held-creates.js';
import { requestUser } from '../loaders/users.js';
import { emitMessageChanged } from '../message-signals.js';
import { addMessage, markUnread, mergeMessageUpdate, removeMessage, removeMessages, setDmPreview } from '../mutations/messages.js';
import { emitUnreadChanged, hasUnreadAfter } from '../read-position.js';
import { onThreadParentUpdate, onThreadReplyCreate, onThreadReplyDelete } from './thread-replies.js';
import type { HandlerTable } from './table.js';

/**
 * Message events. While a channel's REST refresh is in flight its events are journaled, so the
 * refresh re-applies them on top of the (possibly older) page it brings (loaders/messages.ts).
 */
function onMessageCreate(ctx: StateContext, conn: ServerConnection, message: Message): void {
  // Mine while a send of mine awaits its answer: held until the answer says whose it is (actions/).
  if (conn.outbox.awaiting !== 0 && message.author_id === conn.userId) {
    const due = holdOwnCreate(conn.outbox, message);
    if (due !== null) for (const create of due) deliverMessageCreate(ctx, conn, create);
    return;
  }
  deliverMessageCreate(ctx, conn, message);
}

/** Applies a message.create (live, or released after being held); returns whether it was added. */
export function deliverMessageCreate(ctx: StateContext, conn: ServerConnection, message: Message): boolean {
  const parentId = message.thread_id;
  if (parentId) {
    onThreadReplyCreate(ctx, conn, message, parentId);
    return true;
  }
  const cache = conn.cache;
  const channelId = message.channel_id;
  // A space's message is never a DM's (docs/protocol.md §4.6): the DM lookup only for the others.
  const dm = message.space_id ? undefined : cache.dmChannels.get(channelId);
  if (!addMessage(cache, message, dm, ctx.messageCap)) return false;
  const inFlight = conn.inFlight;
  if (inFlight.journals.size !== 0) inFlight.journal(channelId, conn.generation, { kind: 'create', message });

  const authorId = message.author_id;
  const author = cache.users.get(authorId);
  // The cached user's id string: one copy shared by the author's cached messages (issue 15).
  if (author !== undefined) message.author_id = author.id;
  else void requestUser(ctx, conn, authorId);
  if (authorId !== conn.userId && channelId !== ctx.currentChannelId) {
    // The channel list draws unread dots: it hears a change (a DM's list hears every message below).
    if (markUnread(cache, channelId, message.mention_everyone || message.mentions.includes(conn.userId)) && !dm) {
      const spaceId = message.space_id ?? cache.channels.get(channelId)?.space_id;
      if (spaceId) ctx.emit('channelsUpdated', spaceId);
    }
  }
  if (dm) setDmPreview(dm, message);
  ctx.emit('messagesUpdated', channelId);
  if (dm) ctx.emit('dmChannelsUpdated');
  return true;
}

function onMessageUpdate(ctx: StateContext, conn: ServerConnection, message: Message): void {
  // Journaled before the lookup: the page in flight may hold a message the cache does not.
  const inFlight = conn.inFlight;
  if (inFlight.journals.size !== 0) inFlight.journal(message.channel_id, conn.generation, { kind: 'update', message });
  // Cached, or my own create held until its send's answer: merged there, it is listed updated.
  const target = findMessageOrHeld(conn, message.id, message.channel_id);
  if (!target) return;
  // An update that changed nothing (a repeat) signals nothing, not even to the message's thread.
  if (!mergeMessageUpdate(target, message)) return;
  emitMessageChanged(ctx, target);
  if (conn.cache.threads.size !== 0 && !target.thread_id) onThreadParentUpdate(ctx, conn, target);
}

function onMessageDelete(ctx: StateContext, conn: ServerConnection, data: MessageDeleteData): void {
  const inFlight = conn.inFlight;
  if (inFlight.journals.size !== 0) inFlight.journal(data.channel_id, conn.generation, { kind: 'delete', ids: [data.id] });
  inFlight.messageDeletes.touch(data.id);
  const channelId = removeMessage(conn.cache, data.channel_id, data.id);
  if (channelId !== null) {
    ctx.emit('messagesUpdated', channelId);
    unreadAfterDelete(ctx, conn, channelId);
    return;
  }
  // Not listed: my own create held until its send's answer (dropped, never released), or a thread's reply.
  if (!dropHeld(conn, data.channel_id, data.id) && conn.cache.threads.size !== 0) onThreadReplyDelete(ctx, conn, data.id);
}

/**
 * The message that made the channel unread may be the one deleted: the server then holds it read
 * again (its last message is at or below my read mark), and so does the store.
 */
function unreadAfterDelete(ctx: StateContext, conn: ServerConnection, channelId: string): void {
  const cache = conn.cache;
  if (!cache.unread.has(channelId)) return;
  const readUpTo = conn.inFlight.acks.readUpTo(channelId);
  if (readUpTo === null || hasUnreadAfter(cache, channelId, conn.userId, readUpTo)) return;
  cache.unread.delete(channelId);
  emitUnreadChanged(ctx, cache, channelId);
}

function onMessageDeleteBulk(ctx: StateContext, conn: ServerConnection, data: MessageDeleteBulkData): void {
  const inFlight = conn.inFlight;
  if (inFlight.journals.size !== 0) inFlight.journal(data.channel_id, conn.generation, { kind: 'delete', ids: data.ids });
  if (conn.outbox.awaiting !== 0) for (const id of data.ids) dropHeld(conn, data.channel_id, id);
  if (!removeMessages(conn.cache, data.channel_id, data.ids)) return;
  ctx.emit('messagesUpdated', data.channel_id);
  unreadAfterDelete(ctx, conn, data.channel_id);
}

export const messageHandlers: HandlerTable = {
  'message.create': onMessageCreate,
  'message.update': onMessageUpdate,
  'message.delete': onMessageDelete,
  'message.delete_bulk': onMessageDeleteBulk,
};
