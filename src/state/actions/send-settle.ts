import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import { deliverMessageCreate } from '../handlers/messages.js';
import { compareIds } from '../ids.js';
import { describeError, type StateContext } from '../context.js';
import { markReadUpTo } from './read-state.js';
import { failureOf } from './failures.js';
import { endAwaiting, takeHeld } from './held-creates.js';
import type { ChannelOutbox, PendingSend } from './outbox.js';

/**
 * The ends of a send: confirmed (the server's message takes the pending entry's place, once),
 * failed (the entry stays, marked), or dropped (discarded, or its connection removed).
 */

/** The send's entry changed: signalled where it is listed (its thread, or its channel). */
export function emitSendChanged(ctx: StateContext, send: PendingSend): void {
  if (send.threadId !== null) ctx.emit('threadUpdated', send.threadId);
  else ctx.emit('messagesUpdated', send.channelId);
}

/** Delivers creates in id order (each at most once: the list ignores an id it holds). */
export function deliverAll(ctx: StateContext, conn: ServerConnection, creates: Message[]): void {
  if (creates.length > 1) creates.sort((a, b) => compareIds(a.id, b.id));
  for (const create of creates) deliverMessageCreate(ctx, conn, create);
}

/** Stops counting the send as awaiting; delivers the held creates that became due. */
export function stopAwaiting(ctx: StateContext, conn: ServerConnection, channel: ChannelOutbox, send: PendingSend): void {
  if (!send.counted) return;
  send.counted = false;
  deliverAll(ctx, conn, endAwaiting(conn.outbox, channel));
}

function unlist(conn: ServerConnection, channel: ChannelOutbox, send: PendingSend): void {
  conn.outbox.sends.delete(send.localId);
  const shownAt = channel.shown.indexOf(send);
  if (shownAt >= 0) channel.shown.splice(shownAt, 1);
  const queuedAt = channel.queue.indexOf(send);
  if (queuedAt >= 0) channel.queue.splice(queuedAt, 1);
  channel.changed();
}

/**
 * The server has the send as `message` (its REST answer, my held create, or found after a lost
 * answer): the pending entry goes and the server's message is listed in its place, exactly once
 * whichever way it came first. Then the channel is read up to it.
 */
export function confirmSend(ctx: StateContext, conn: ServerConnection, channel: ChannelOutbox, send: PendingSend, message: Message): void {
  unlist(conn, channel, send);
  channel.claimed.add(message.id);
  // Deleted while its create was held: the answer does not bring it back.
  const held = takeHeld(channel, message.id);
  const creates = held !== undefined ? [held] : channel.deletedHeld.has(message.id) ? [] : [message];
  if (send.counted) {
    send.counted = false;
    for (const due of endAwaiting(conn.outbox, channel)) creates.push(due);
  }
  deliverAll(ctx, conn, creates);
  // The entry left even when the list already held the message (delivered before the answer).
  emitSendChanged(ctx, send);
  const settle = send.settle;
  send.settle = null;
  settle?.resolve(message);
  // My own message: the channel is read up to it (else a reload lists it unread). Best effort.
  markReadUpTo(ctx, conn, send.channelId, message.id).catch((error: unknown) => {
    ctx.logger.warn(`accordkit store: marking ${send.channelId} read after my send failed`, { error: describeError(error) });
  });
}

/** The send failed for good: its entry stays, `failed` with the reason, for retrySend/discardSend. */
export function failSend(ctx: StateContext, conn: ServerConnection, channel: ChannelOutbox, send: PendingSend, error: unknown): void {
  const queuedAt = channel.queue.indexOf(send);
  if (queuedAt >= 0) channel.queue.splice(queuedAt, 1);
  stopAwaiting(ctx, conn, channel, send);
  send.entry.pending = 'failed';
  send.entry.error = failureOf(error);
  channel.changed();
  emitSendChanged(ctx, send);
  const settle = send.settle;
  send.settle = null;
  settle?.reject(error);
}

/** The send is gone without a server message (discarded, or its connection removed). */
export function dropSend(ctx: StateContext, conn: ServerConnection, channel: ChannelOutbox, send: PendingSend, error: unknown): void {
  unlist(conn, channel, send);
  stopAwaiting(ctx, conn, channel, send);
  emitSendChanged(ctx, send);
  const settle = send.settle;
  send.settle = null;
  settle?.reject(error);
}
