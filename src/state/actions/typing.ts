import type { ServerConnection } from '../connection.js';
import { describeError, type StateContext } from '../context.js';
import { StoreActionError } from './action-error.js';

/** At most one POST /typing per channel (or thread) in this long (the server's indicator lasts ~10 s). */
export const TYPING_SEND_INTERVAL_MS = 8_000;

/**
 * `store.sendTyping(channelId, threadId?)`: POST /channels/{id}/typing unless one went out for
 * the same channel (or thread) less than 8 s ago, however often called (call it per keystroke).
 * A failed request is logged, not thrown: typing is advisory. Rejects only with a
 * StoreActionError for an unknown channel (before any request).
 */
export function sendTyping(ctx: StateContext, conn: ServerConnection | undefined, channelId: string, threadId?: string): Promise<void> {
  if (!conn?.cache.isKnownChannel(channelId)) return Promise.reject(new StoreActionError('unknown_channel', `unknown channel ${channelId}`));
  const sent = conn.typingSentAt;
  const key = threadId === undefined ? channelId : `${channelId}\u0000${threadId}`;
  const now = ctx.clock.now();
  const last = sent.get(key);
  if (last !== undefined && now - last < TYPING_SEND_INTERVAL_MS) return Promise.resolve();
  if (sent.size >= 64) for (const [k, at] of sent) if (now - at >= TYPING_SEND_INTERVAL_MS) sent.delete(k);
  sent.set(key, now);
  return conn.client.rest.triggerTyping(channelId, threadId).catch((error: unknown) => {
    ctx.logger.warn(`accordkit store: typing in ${channelId} failed`, { error: describeError(error) });
  });
}
