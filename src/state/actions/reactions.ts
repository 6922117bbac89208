import type { ServerConnection } from '../connection.js';
import { describeError, type StateContext } from '../context.js';
import { applyMyReaction, undoMyReaction } from '../mutations/my-reactions.js';
import { setReactors } from '../mutations/reactions.js';
import { StoreActionError } from './action-error.js';
import { failureKind } from './failures.js';
import { currentMessage, messageTarget } from './targets.js';
import { emitMessageChanged } from '../message-signals.js';

/**
 * addReaction / removeReaction: `me` and the count change at once (the gateway's echo then finds
 * them set and counts nothing twice) and are taken back exactly on a refusal. When no answer
 * came, the reaction's reactors are read from the server instead (it may have happened).
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
    if (failureKind(error) === 'unknown') void readReactors(ctx, conn, channelId, messageId, emoji);
    throw error;
  }
}

/** The reaction as the server lists it (after a request whose answer was lost). */
async function readReactors(ctx: StateContext, conn: ServerConnection, channelId: string, messageId: string, emoji: string): Promise<void> {
  const generation = conn.generation;
  try {
    const users = await conn.client.rest.listReactionUsers(channelId, messageId, emoji);
    const message = currentMessage(conn, channelId, messageId);
    if (!message || conn.generation !== generation) return;
    setReactors(message, emoji, users, conn.userId);
    emitMessageChanged(ctx, message);
  } catch (error) {
    ctx.logger.warn(`accordkit store: reading reactors of ${messageId} failed`, { error: describeError(error) });
  }
}
