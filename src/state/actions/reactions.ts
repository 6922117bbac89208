import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { reconcileReaction } from '../loaders/reactions.js';
import { applyMyReaction, undoMyReaction } from '../mutations/my-reactions.js';
import { StoreActionError } from './action-error.js';
import { failureKind } from './failures.js';
import { currentMessage, messageTarget } from './targets.js';
import { emitMessageChanged } from '../message-signals.js';

/**
 * addReaction / removeReaction: `me` and the count change at once (the gateway's echo then finds
 * them set and counts nothing twice) and are taken back exactly on a refusal. When no answer
 * came, the reaction's reactors are read from the server instead (it may have happened), as a
 * reconcile (loaders/reactions.ts), so reaction events that arrive meanwhile are not lost.
 */
export async function reactToMessage(
  ctx: StateContext,
  connections: readonly ServerConnection[],
  messageId: string,
  emoji: string,
  add: boolean,
): Promise<void> {
  if (typeof emoji !== 'string' || emoji === '') throw new StoreActionError('invalid_argument', 'a reaction needs an emoji');
  const { conn, message, channelId } = messageTarget(connections, messageId);
  const undo = applyMyReaction(message, emoji, add);
  if (undo) emitMessageChanged(ctx, message);
  try {
    if (add) await conn.client.rest.addReaction(channelId, messageId, emoji);
    else await conn.client.rest.removeReaction(channelId, messageId, emoji);
  } catch (error) {
    const cached = currentMessage(conn, channelId, messageId);
    if (undo && cached === message && undoMyReaction(message, undo)) emitMessageChanged(ctx, message);
    // Whether it happened is unknown: the reactors are read again (events meanwhile are kept).
    if (failureKind(error) === 'unknown' && cached && !conn.removed) reconcileReaction(ctx, conn, cached, emoji);
    throw error;
  }
}

