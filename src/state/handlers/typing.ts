import type { TypingStartData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { HandlerTable } from './table.js';
import { onThreadTyping, stopThreadTyping } from './thread-typing.js';

export const TYPING_FALLBACK_NAME = 'Someone';

/**
 * typingStarted(channelId, name), then typingStopped(channelId) typingTimeoutMs after the LAST
 * start in that channel (one timer per channel, reset by every start). Own typing is ignored.
 */
function onTypingStart(ctx: StateContext, conn: ServerConnection, data: TypingStartData): void {
  const cache = conn.cache;
  const channelId = data.channel_id;
  if (data.user_id === conn.userId) return;
  if (!cache.isKnownChannel(channelId)) return;
  const user = cache.users.get(data.user_id);
  const name = user?.display_name || user?.username || TYPING_FALLBACK_NAME;
  ctx.emit('typingStarted', channelId, name);
  if (data.thread_id) onThreadTyping(ctx, conn, data.thread_id, data.user_id, name);

  // A start only moves the channel's deadline; the one timer re-arms itself until it is reached,
  // so a burst of starts costs no timer churn (and no closure: that is made only with a timer).
  const stopAt = ctx.clock.now() + ctx.typingTimeoutMs;
  const running = cache.typingTimers.get(channelId);
  if (running) {
    running.stopAt = stopAt;
    return;
  }
  startTypingTimer(ctx, conn, channelId, stopAt);
}

function startTypingTimer(ctx: StateContext, conn: ServerConnection, channelId: string, stopAt: number): void {
  const clock = ctx.clock;
  const timers = conn.cache.typingTimers;
  const timer = { handle: clock.setTimeout(fire, ctx.typingTimeoutMs), stopAt };
  timers.set(channelId, timer);
  function fire(): void {
    const left = timer.stopAt - clock.now();
    if (left > 0) {
      timer.handle = clock.setTimeout(fire, left);
      return;
    }
    timers.delete(channelId);
    if (!conn.removed) ctx.emit('typingStopped', channelId);
  }
}

export const typingHandlers: HandlerTable = {
  'typing.start': onTypingStart,
};

/** Cancels every typing timer of the connection, reporting each channel as stopped. */
export function stopAllTyping(ctx: StateContext, conn: ServerConnection): void {
  const timers = conn.cache.typingTimers;
  for (const [channelId, timer] of timers) {
    ctx.clock.clearTimeout(timer.handle);
    ctx.emit('typingStopped', channelId);
  }
  timers.clear();
  stopThreadTyping(ctx, conn);
}
