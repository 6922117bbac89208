import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { loadThreadReplies } from '../loaders/threads.js';
import { closeThread as releaseThread } from '../mutations/threads.js';
import type { StoreMessage } from '../types.js';
import { StoreActionError } from './action-error.js';

const NONE: readonly Message[] = Object.freeze([]);

/** The connection and channel of a thread: tracked already, or its parent is cached. */
function locate(conns: readonly ServerConnection[], parentId: string): { conn: ServerConnection; channelId: string } | undefined {
  for (const conn of conns) {
    const thread = conn.cache.threads.get(parentId);
    if (thread) return { conn, channelId: thread.channelId };
  }
  for (const conn of conns) {
    const parent = conn.cache.findMessage(parentId);
    if (parent && !parent.thread_id) return { conn, channelId: parent.channel_id };
  }
  return undefined;
}

/**
 * `store.loadThread(parentId)`: every reply of the thread over REST, oldest first; the thread then
 * stays current live (threadUpdated(parentId)) until closeThread. The parent must be cached (it is
 * what a view opens a thread from); otherwise a StoreActionError before any request.
 */
export function loadThread(ctx: StateContext, conns: readonly ServerConnection[], parentId: string): Promise<readonly Message[]> {
  const found = locate(conns, parentId);
  if (!found) return Promise.reject(new StoreActionError('unknown_message', `unknown thread parent ${parentId}`));
  if (!found.conn.cache.isKnownChannel(found.channelId)) {
    return Promise.reject(new StoreActionError('unknown_channel', `unknown channel ${found.channelId}`));
  }
  return loadThreadReplies(ctx, found.conn, found.channelId, parentId);
}

/** `store.threadMessages(parentId)`: the thread's cached replies, oldest first, then my pending replies. */
export function threadMessages(conns: readonly ServerConnection[], parentId: string): readonly StoreMessage[] {
  for (const conn of conns) {
    const thread = conn.cache.threads.get(parentId);
    const pending = conn.outbox.sends.size === 0 ? NONE : conn.outbox.threadReplies(parentId);
    if (thread) return pending.length === 0 ? thread.replies.toArray() : [...thread.replies.toArray(), ...pending];
    if (pending.length !== 0) return pending;
  }
  return NONE;
}

/** `store.closeThread(parentId)`: the thread view closed; the thread stops holding every reply. */
export function closeThread(ctx: StateContext, conns: readonly ServerConnection[], parentId: string): void {
  for (const conn of conns) if (releaseThread(conn.cache, parentId, ctx.messageCap)) ctx.emit('threadUpdated', parentId);
}
