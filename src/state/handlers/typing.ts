import type { TypingStartData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { HandlerContext, HandlerTable } from './context.js';

export const TYPING_FALLBACK_NAME = 'Someone';

/**
 * typingStarted(channelId, name), then typingStopped(channelId) typingTimeoutMs after the LAST
 * start in that channel (one timer per channel, reset by every start). Own typing is ignored.
 */
function onTypingStart(ctx: HandlerContext, conn: ServerConnection, data: TypingStartData): void {
  const cache = conn.cache;
  const channelId = data.channel_id;
  if (data.user_id === conn.userId) return;
  if (!cache.isKnownChannel(channelId)) return;
  const user = cache.users.get(data.user_id);
  const name = user?.display_name || user?.username || TYPING_FALLBACK_NAME;
  ctx.emit('typingStarted', channelId, name);

  const timers = cache.typingTimers;
  ctx.clock.clearTimeout(timers.get(channelId));
  timers.set(
    channelId,
    ctx.clock.setTimeout(() => {
      timers.delete(channelId);
      if (!conn.removed) ctx.emit('typingStopped', channelId);
    }, ctx.typingTimeoutMs),
  );
}

export const typingHandlers: HandlerTable = {
  'typing.start': onTypingStart,
};

/** Cancels every typing timer of the connection, reporting each channel as stopped. */
export function stopAllTyping(ctx: HandlerContext, conn: ServerConnection): void {
  const timers = conn.cache.typingTimers;
  for (const [channelId, handle] of timers) {
    ctx.clock.clearTimeout(handle);
    ctx.emit('typingStopped', channelId);
  }
  timers.clear();
}
