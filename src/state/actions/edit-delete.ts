import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { refreshMessages } from '../loaders/messages.js';
import { removeMessage } from '../mutations/messages.js';
import { applyEdit, undoEdit } from '../mutations/my-edits.js';
import { isListed, restoreMessage } from '../mutations/restore-message.js';
import { StoreActionError } from './action-error.js';
import { failureKind } from './failures.js';
import { currentMessage, messageTarget } from './targets.js';
import { emitMessageChanged } from '../message-signals.js';

/**
 * editMessage and deleteMessage: the change shows at once and is taken back exactly when the
 * server refuses it. When no answer came (network), the change may or may not have happened:
 * after the rollback the channel's newest page is read again, so the cache ends as the server is.
 */

function settleUnknown(ctx: StateContext, conn: ServerConnection, channelId: string, error: unknown): void {
  if (failureKind(error) === 'unknown' && !conn.removed) void refreshMessages(ctx, conn, channelId);
}

/** Sets my message's content at once; restores content and `edited_at` if the server refuses. */
export async function editMessage(ctx: StateContext, connections: readonly ServerConnection[], messageId: string, content: string): Promise<Message> {
  if (typeof content !== 'string' || content.trim() === '') throw new StoreActionError('invalid_argument', 'an edit needs content');
  const { conn, message, channelId } = messageTarget(connections, messageId);
  if (message.author_id !== conn.userId) throw new StoreActionError('not_author', `message ${messageId} is not mine to edit`);
  const undo = applyEdit(message, content, new Date(ctx.clock.now()).toISOString());
  emitMessageChanged(ctx, message);
  let answer: Message;
  try {
    answer = await conn.client.rest.editMessage(channelId, messageId, content);
  } catch (error) {
    const cached = currentMessage(conn, channelId, messageId);
    // Only while it still shows this edit: a later one (or the server's echo) is not undone.
    if (cached === message && undoEdit(message, undo)) emitMessageChanged(ctx, message);
    settleUnknown(ctx, conn, channelId, error);
    throw error;
  }
  const cached = currentMessage(conn, channelId, messageId);
  if (cached && (cached.content !== answer.content || cached.edited_at !== answer.edited_at)) {
    applyEdit(cached, answer.content, answer.edited_at);
    emitMessageChanged(ctx, cached);
  }
  return answer;
}

/** Removes the message at once; puts it back at its place if the server refuses. */
export async function deleteMessage(ctx: StateContext, connections: readonly ServerConnection[], messageId: string): Promise<void> {
  const { conn, message, channelId } = messageTarget(connections, messageId);
  const listed = isListed(conn.cache, channelId, messageId);
  if (removeMessage(conn.cache, channelId, messageId) !== null) ctx.emit('messagesUpdated', channelId);
  try {
    await conn.client.rest.deleteMessage(channelId, messageId);
  } catch (error) {
    if (!conn.removed && listed && restoreMessage(conn.cache, message)) {
      ctx.emit('messagesUpdated', channelId);
      // Events for it (reactions, edits) were dropped while it was out of the list: read the page again.
      void refreshMessages(ctx, conn, channelId);
    } else {
      settleUnknown(ctx, conn, channelId, error);
    }
    throw error;
  }
}
