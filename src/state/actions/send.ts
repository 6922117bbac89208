import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { SendMessageOptions, StoreMessage } from '../types.js';
import { StoreActionError } from './action-error.js';
import type { ChannelOutbox, PendingSend } from './outbox.js';
import { markQueue, pumpChannel, resumeChannel, type SendEnv } from './send-queue.js';
import { dropSend, emitSendChanged } from './send-settle.js';

/**
 * sendMessage, retrySend, discardSend: the pending entry is listed (and signalled) at once; the
 * queue (send-queue.ts) takes it to the server; send-settle.ts ends it.
 */

function optionalId(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '') throw new StoreActionError('invalid_argument', `${name} must be a message id`);
  return value;
}

/** Lists a pending entry for `content` in `channelId` and queues it; resolves with the server's message. */
export function sendMessage(
  env: SendEnv,
  conn: ServerConnection | undefined,
  channelId: string,
  content: string,
  options: SendMessageOptions = {},
): Promise<Message> {
  let replyTo: string | null;
  let threadId: string | null;
  try {
    if (typeof content !== 'string' || content.trim() === '') throw new StoreActionError('invalid_argument', 'a message needs content');
    replyTo = optionalId(options.replyTo, 'replyTo');
    threadId = optionalId(options.threadId, 'threadId');
    if (!conn || !conn.cache.isKnownChannel(channelId)) throw new StoreActionError('unknown_channel', `no connection holds channel ${String(channelId)}`);
    if (conn.removed) throw new StoreActionError('connection_removed', 'the connection was removed');
  } catch (error) {
    return Promise.reject(error);
  }
  const outbox = conn.outbox;
  const localId = outbox.nextLocalId(conn.index);
  const online = conn.status === 'connected';
  const entry: StoreMessage = {
    id: localId,
    channel_id: channelId,
    space_id: conn.cache.channel(channelId)?.space_id ?? null,
    author_id: conn.userId,
    content,
    type: 'default',
    timestamp: new Date(env.ctx.clock.now()).toISOString(),
    edited_at: null,
    tts: false,
    pinned: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    reactions: null,
    reply_to: replyTo,
    flags: 0,
    webhook_id: null,
    thread_id: threadId,
    reply_count: 0,
    title: null,
    pending: online ? 'sending' : 'queued',
  };
  const send: PendingSend = {
    localId,
    channelId,
    threadId,
    replyTo,
    content,
    entry,
    attempts: 0,
    uncertain: false,
    firstPostAt: null,
    floorId: null,
    counted: false,
    inRequest: false,
    settle: null,
  };
  const promise = settled(send);
  const channel = outbox.channel(channelId);
  outbox.sends.set(localId, send);
  channel.queue.push(send);
  channel.shown.push(send);
  channel.changed();
  emitSendChanged(env.ctx, send);
  pumpChannel(env, conn, channel);
  return promise;
}

function settled(send: PendingSend): Promise<Message> {
  return new Promise<Message>((resolve, reject) => {
    send.settle = { resolve, reject };
  });
}

/** The connection and send a local id belongs to. */
export function findSend(connections: readonly ServerConnection[], localId: string): { conn: ServerConnection; send: PendingSend; channel: ChannelOutbox } {
  for (const conn of connections) {
    const send = conn.outbox.sends.get(localId);
    if (send) return { conn, send, channel: conn.outbox.channel(send.channelId) };
  }
  throw new StoreActionError('unknown_message', `no pending send ${String(localId)}`);
}

/** A failed send goes out again, after the channel's other waiting sends; resolves like sendMessage. */
export function retrySend(env: SendEnv, connections: readonly ServerConnection[], localId: string): Promise<Message> {
  let found: ReturnType<typeof findSend>;
  try {
    found = findSend(connections, localId);
    if (found.send.entry.pending !== 'failed') throw new StoreActionError('not_failed', `send ${localId} has not failed`);
  } catch (error) {
    return Promise.reject(error);
  }
  const { conn, send, channel } = found;
  const promise = settled(send);
  send.attempts = 0;
  send.entry.pending = conn.status === 'connected' ? 'sending' : 'queued';
  delete send.entry.error;
  const shownAt = channel.shown.indexOf(send);
  if (shownAt >= 0) channel.shown.splice(shownAt, 1);
  channel.shown.push(send);
  channel.queue.push(send);
  channel.changed();
  emitSendChanged(env.ctx, send);
  pumpChannel(env, conn, channel);
  return promise;
}

/** A failed or waiting send is dropped (its promise, if unsettled, rejects with `discarded`). */
export function discardSend(env: SendEnv, connections: readonly ServerConnection[], localId: string): void {
  const { conn, send, channel } = findSend(connections, localId);
  if (send.inRequest) throw new StoreActionError('send_in_flight', `send ${localId} is on its way and cannot be discarded now`);
  const wasHead = channel.queue[0] === send;
  dropSend(env.ctx, conn, channel, send, new StoreActionError('discarded', `send ${localId} was discarded`));
  // The head waited out a backoff: the sends behind it need not.
  if (wasHead && channel.timer !== null) resumeChannel(env, conn, channel);
  else conn.outbox.tidy(channel);
}

/** The connection is back (READY or RESUMED): every waiting send goes out, in order per channel. */
export function resumeSends(env: SendEnv, conn: ServerConnection): void {
  for (const channel of Array.from(conn.outbox.channels.values())) {
    if (channel.queue.length === 0) continue;
    markQueue(env.ctx, channel, 'sending');
    resumeChannel(env, conn, channel);
  }
}

/** The connection was removed: its sends end, rejecting with `connection_removed`. */
export function abandonSends(ctx: StateContext, conn: ServerConnection): void {
  for (const channel of Array.from(conn.outbox.channels.values())) {
    if (channel.timer !== null) ctx.clock.clearTimeout(channel.timer);
    channel.timer = null;
    for (const send of channel.shown.slice()) dropSend(ctx, conn, channel, send, new StoreActionError('connection_removed', 'the connection was removed'));
  }
  conn.outbox.channels.clear();
}
