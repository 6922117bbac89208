import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import { StoreActionError } from './action-error.js';

/** A cached message and the one connection that holds it. */
export interface MessageTarget {
  readonly conn: ServerConnection;
  readonly message: Message;
  readonly channelId: string;
}

/**
 * The connection holding message `messageId`, or a StoreActionError (before any request): a
 * pending send has no server id yet, and a message no connection caches is unknown.
 */
export function messageTarget(connections: readonly ServerConnection[], messageId: string): MessageTarget {
  if (typeof messageId !== 'string' || messageId === '') throw new StoreActionError('invalid_argument', 'a message id is needed');
  for (const conn of connections) {
    if (conn.removed) continue;
    const message = conn.cache.findMessage(messageId);
    if (message) return { conn, message, channelId: message.channel_id };
    if (conn.outbox.sends.has(messageId)) {
      throw new StoreActionError('unknown_message', `message ${messageId} is still being sent: act on it once the server has it`);
    }
  }
  throw new StoreActionError('unknown_message', `no connection caches message ${messageId}`);
}

/** The cached message with this id on the connection now (a refresh may have replaced the object). */
export function currentMessage(conn: ServerConnection, channelId: string, messageId: string): Message | undefined {
  return conn.removed ? undefined : conn.cache.findMessage(messageId, channelId);
}
