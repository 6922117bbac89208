import type { ServerConnection } from '../connection.js';
import { StoreActionError } from './action-error.js';
import { describeError, type StateContext } from '../context.js';
import { compareIds } from '../ids.js';
import { markRead as clearUnread } from '../mutations/read-states.js';
import { emitUnreadChanged, newestMessageId } from '../read-position.js';

/** The refusal of an action on a channel the store does not know (or on a removed connection). */
export function unknownChannel(channelId: string): StoreActionError {
  return new StoreActionError('unknown_channel', `unknown channel ${channelId}`);
}

function ack(conn: ServerConnection, channelId: string, messageId: string): Promise<void> {
  return conn.inFlight.acks.ack(channelId, messageId, (id) => conn.client.rest.ackMessage(channelId, id));
}

function clearHere(ctx: StateContext, conn: ServerConnection, channelId: string): void {
  if (clearUnread(conn.cache, channelId)) emitUnreadChanged(ctx, conn.cache, channelId);
}

/**
 * `store.markRead(channelId)`: read here at once (unread and mentions cleared, the channel list
 * signalled), then `POST /channels/{id}/ack` of the channel's newest message, so the read state
 * survives a reload (READY `unread`) and reaches my other sessions (`read_state.update`). Nothing
 * is sent when the server already holds that message as read. Rejects with the REST error; the
 * channel stays read here (the user saw it).
 */
export async function markRead(ctx: StateContext, conn: ServerConnection, channelId: string): Promise<void> {
  if (conn.removed || !conn.cache.isKnownChannel(channelId)) throw unknownChannel(channelId);
  clearHere(ctx, conn, channelId);
  const newest = newestMessageId(conn.cache, channelId);
  if (newest !== null) await ack(conn, channelId, newest);
}

/**
 * For the send loop: my own message `messageId` was accepted, so the channel is read up to it
 * (the server lists a channel whose newest message is mine as unread after a reload otherwise,
 * docs/protocol.md §10). Acks it, and clears the unread state here unless a newer message arrived.
 * Rejects with the REST error (the send itself stands).
 */
export async function markReadUpTo(ctx: StateContext, conn: ServerConnection, channelId: string, messageId: string): Promise<void> {
  if (conn.removed || !conn.cache.isKnownChannel(channelId)) throw unknownChannel(channelId);
  const newest = newestMessageId(conn.cache, channelId);
  if (newest === null || compareIds(messageId, newest) >= 0) clearHere(ctx, conn, channelId);
  await ack(conn, channelId, messageId);
}

function report(ctx: StateContext, channelId: string): (error: unknown) => void {
  return (error) => ctx.logger.warn(`accordkit store: marking ${channelId} read failed`, { error: describeError(error) });
}

/**
 * `store.currentChannelId` moved from `previous` to `next` on this connection. Opening an unread
 * channel marks it read on the server; leaving one acks what arrived while it was shown (those
 * messages were read as they came, without a request each: the REST budget is 60 a minute).
 */
export function currentChannelChanged(ctx: StateContext, conn: ServerConnection, previous: string | null, next: string | null): void {
  const cache = conn.cache;
  if (previous !== null && previous !== next && cache.isKnownChannel(previous)) {
    const newest = newestMessageId(cache, previous);
    if (newest !== null && !conn.inFlight.acks.isRead(previous, newest)) ack(conn, previous, newest).catch(report(ctx, previous));
  }
  if (next === null) return;
  if (!cache.isKnownChannel(next)) {
    clearUnread(cache, next);
    return;
  }
  if (cache.unread.has(next) || cache.mentions.has(next)) {
    markRead(ctx, conn, next).catch(report(ctx, next));
    return;
  }
  // Not unread: the server holds it read up to its newest message already.
  const newest = newestMessageId(cache, next);
  if (newest !== null) conn.inFlight.acks.note(next, newest);
}
