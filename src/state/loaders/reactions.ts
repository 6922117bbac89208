import type { Message, ReactionClearData, ReactionClearEmojiData, ReactionEventData } from '../../models/index.js';
import { findMessageOrHeld } from '../actions/held-creates.js';
import type { ServerConnection } from '../connection.js';
import { describeError, type StateContext } from '../context.js';
import type { ReactionOp, Reconcile } from '../in-flight.js';
import { emitMessageChanged } from '../message-signals.js';
import {
  applyReactionBestEffort,
  applyReactionOp,
  applyReactionOpFresh,
  clearReactionEmoji,
  clearReactions,
  emojiName,
  findReaction,
  reactorsKnown,
  setReactors,
} from '../mutations/reactions.js';
import { reactors } from '../mutations/reactors.js';

/**
 * Reaction events against what the server lists. An event on a reaction whose reactors we do not
 * know (a count loaded over REST or READY) cannot be applied exactly: the reactor list is fetched
 * (a reconcile), and events for the same (message, emoji) queue on it meanwhile. Live events and
 * journal replays (loaders/messages.ts) both come through here.
 */

function reconcileKey(messageId: string, emoji: string): string {
  return `${messageId}\u0000${emoji}`;
}

function runningReconcile(conn: ServerConnection, messageId: string, emoji: string): Reconcile | undefined {
  const running = conn.inFlight.reconciles.get(reconcileKey(messageId, emoji));
  return running && running.generation === conn.generation ? running : undefined;
}

/**
 * Asks the server who reacted, then sets reactors, count and `me` from that list and re-applies
 * (set semantics) every event that arrived meanwhile, in order: whether the list was read before
 * or after each of them, the end state is the server's.
 */
function startReconcile(ctx: StateContext, conn: ServerConnection, message: Message, emoji: string, first: ReactionOp | null): void {
  const key = reconcileKey(message.id, emoji);
  const queue = first === null ? [] : [first];
  const run: Reconcile = { generation: conn.generation, channelId: message.channel_id, messageId: message.id, emoji, queue };
  conn.inFlight.reconciles.set(key, run);
  conn.client.rest.listReactionUsers(run.channelId, run.messageId, emoji).then(
    (users) => settleReconcile(ctx, conn, key, run, users),
    (error: unknown) => {
      ctx.logger.warn(`accordkit store: fetching reactors of ${run.messageId} failed`, { error: describeError(error) });
      settleReconcile(ctx, conn, key, run, null);
    },
  );
}

/**
 * Reads a reaction's reactors from the server after an action of mine on it got no answer (it may
 * or may not have happened), as a reconcile: events for it that arrive meanwhile queue and are
 * re-applied on top of the list, so none is lost to a list read before it. Joins one running.
 */
export function reconcileReaction(ctx: StateContext, conn: ServerConnection, message: Message, emoji: string): void {
  if (runningReconcile(conn, message.id, emoji) === undefined) startReconcile(ctx, conn, message, emoji, null);
}

function settleReconcile(ctx: StateContext, conn: ServerConnection, key: string, run: Reconcile, users: readonly string[] | null): void {
  // Replaced (a newer READY) or cancelled (a clear made the queued events moot).
  const reconciles = conn.inFlight.reconciles;
  if (reconciles.get(key) !== run) return;
  reconciles.delete(key);
  if (conn.removed || conn.generation !== run.generation) return;
  const message = findMessageOrHeld(conn, run.messageId, run.channelId);
  if (!message) return;
  const myId = conn.userId;
  if (users) setReactors(message, run.emoji, users, myId);
  for (const op of run.queue) {
    if (users) applyReactionOpFresh(message, run.emoji, op, myId);
    else applyReactionBestEffort(message, run.emoji, op, myId);
  }
  emitMessageChanged(ctx, message);
}

/** Drops the reconciles of a message (one emoji, or all): a clear decided their outcome. */
function cancelReconciles(conn: ServerConnection, messageId: string, emoji: string | null): void {
  const reconciles = conn.inFlight.reconciles;
  if (reconciles.size === 0) return;
  for (const [key, run] of reconciles) {
    if (run.messageId === messageId && (emoji === null || run.emoji === emoji)) reconciles.delete(key);
  }
}

/** reaction.add / reaction.remove: set semantics, each user counted once. */
export function applyReactionEvent(ctx: StateContext, conn: ServerConnection, data: ReactionEventData, add: boolean): void {
  const message = findMessageOrHeld(conn, data.message_id, data.channel_id);
  const name = emojiName(data.emoji);
  if (!message || !name) return;
  const userId = data.user_id;
  if (conn.inFlight.reconciles.size !== 0) {
    const running = runningReconcile(conn, message.id, name);
    if (running) {
      running.queue.push({ add, userId });
      return;
    }
  }
  const reaction = findReaction(message, name);
  const known = reaction ? reactors.get(reaction) : undefined;
  if (reaction && userId !== conn.userId && !reactorsKnown(reaction, known)) {
    startReconcile(ctx, conn, message, name, { add, userId });
    return;
  }
  if (applyReactionOp(message, name, reaction, known, add, userId, conn.userId)) emitMessageChanged(ctx, message);
}

export function applyReactionClear(ctx: StateContext, conn: ServerConnection, data: ReactionClearData): void {
  const message = findMessageOrHeld(conn, data.message_id, data.channel_id);
  if (!message) return;
  cancelReconciles(conn, message.id, null);
  clearReactions(message);
  emitMessageChanged(ctx, message);
}

export function applyReactionClearEmoji(ctx: StateContext, conn: ServerConnection, data: ReactionClearEmojiData): void {
  const message = findMessageOrHeld(conn, data.message_id, data.channel_id);
  const name = emojiName(data.emoji);
  if (!message || !name) return;
  cancelReconciles(conn, message.id, name);
  if (clearReactionEmoji(message, name)) emitMessageChanged(ctx, message);
}
