import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { loadOlderMessages } from '../loaders/history.js';
import { collapseHistory, collapseHistoryExcept } from '../mutations/history.js';
import { StoreActionError } from './action-error.js';

const NONE: readonly Message[] = Object.freeze([]);

/**
 * `store.loadOlder(channelId, limit)`: prepends up to `limit` older top-level messages of a space
 * channel (docs/protocol.md §5.4, via search). DMs cannot page back: nothing, at once. Rejects with a
 * StoreActionError for an unknown channel or a bad limit (before any request), else with the REST
 * error (the caches unchanged).
 */
export function loadOlder(ctx: StateContext, conn: ServerConnection | undefined, channelId: string, limit: number): Promise<readonly Message[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    return Promise.reject(new StoreActionError('invalid_argument', `loadOlder: limit must be a positive integer, got ${String(limit)}`));
  }
  const cache = conn?.cache;
  if (!conn || !cache?.isKnownChannel(channelId)) return Promise.reject(new StoreActionError('unknown_channel', `unknown channel ${channelId}`));
  const spaceId = cache.channels.get(channelId)?.space_id;
  if (!spaceId || !hasOlder(conn, channelId)) return Promise.resolve(NONE);
  return loadOlderMessages(ctx, conn, spaceId, channelId, limit);
}

/**
 * `store.hasOlder(channelId)`: whether loadOlder may add anything. False for DMs (no backward
 * paging), unknown channels, an empty channel, and once a load reached the channel's start.
 */
export function hasOlder(conn: ServerConnection | undefined, channelId: string): boolean {
  const channel = conn?.cache.channels.get(channelId);
  if (!conn || !channel?.space_id) return false;
  const list = conn.cache.messages.get(channelId);
  if (!list || list.size === 0) return !list?.atStart && channel.last_message_id !== null;
  return !list.atStart;
}

/** `store.trimHistory(channelId)`: the view is back at the newest messages; drop what paging added. */
export function trimHistory(ctx: StateContext, conn: ServerConnection | undefined, channelId: string): void {
  if (conn && collapseHistory(conn.cache, channelId, ctx.messageCap)) ctx.emit('messagesUpdated', channelId);
}

/** The UI switched to `channelId` (or none): every other paged-in channel shrinks back to the cap. */
export function collapseClosedHistory(ctx: StateContext, conns: readonly ServerConnection[], channelId: string | null): void {
  for (const conn of conns) {
    for (const shrunk of collapseHistoryExcept(conn.cache, channelId, ctx.messageCap)) ctx.emit('messagesUpdated', shrunk);
  }
}
