import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { ThreadTyping } from '../thread-state.js';

/**
 * `typing.start` with a `thread_id` (docs/protocol.md §3.4): typingStarted still names the channel;
 * the thread keeps who types in it for a thread view (`store.typingIn(threadId)`), each name for
 * typingTimeoutMs after that user's last start. threadTypingUpdated(threadId) when the set changes.
 */
export function onThreadTyping(ctx: StateContext, conn: ServerConnection, threadId: string, userId: string, name: string): void {
  const all = conn.cache.threadTyping;
  let typing = all.get(threadId);
  if (!typing) {
    typing = { users: new Map(), handle: null };
    all.set(threadId, typing);
  }
  const known = typing.users.get(userId);
  typing.users.set(userId, { name, stopAt: ctx.clock.now() + ctx.typingTimeoutMs });
  if (typing.handle === null) arm(ctx, conn, threadId, typing, ctx.typingTimeoutMs);
  if (known?.name !== name) ctx.emit('threadTypingUpdated', threadId);
}

function arm(ctx: StateContext, conn: ServerConnection, threadId: string, typing: ThreadTyping, delay: number): void {
  const clock = ctx.clock;
  typing.handle = clock.setTimeout(() => {
    typing.handle = null;
    const now = clock.now();
    let next = Infinity;
    let lapsed = false;
    for (const [userId, entry] of typing.users) {
      if (entry.stopAt <= now) {
        typing.users.delete(userId);
        lapsed = true;
      } else next = Math.min(next, entry.stopAt);
    }
    if (typing.users.size === 0) conn.cache.threadTyping.delete(threadId);
    else arm(ctx, conn, threadId, typing, next - now);
    if (lapsed && !conn.removed) ctx.emit('threadTypingUpdated', threadId);
  }, delay);
}

/** Names typing in the thread now. */
export function typingNames(conn: ServerConnection, threadId: string, now: number): string[] {
  const typing = conn.cache.threadTyping.get(threadId);
  if (!typing) return [];
  const names: string[] = [];
  for (const entry of typing.users.values()) if (entry.stopAt > now) names.push(entry.name);
  return names;
}

/** Cancels every thread's typing timer (the connection is going away). */
export function stopThreadTyping(ctx: StateContext, conn: ServerConnection): void {
  for (const [threadId, typing] of conn.cache.threadTyping) {
    if (typing.handle !== null) ctx.clock.clearTimeout(typing.handle);
    ctx.emit('threadTypingUpdated', threadId);
  }
  conn.cache.threadTyping.clear();
}
