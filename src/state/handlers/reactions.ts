import type { Message, Reaction, ReactionClearData, ReactionClearEmojiData, ReactionEventData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { HandlerContext, HandlerTable } from './context.js';
import { journalEvent, openJournals } from './refresh-journal.js';
import { EventReaction, reactors, type Known } from './reactors.js';
import { PerConnection } from '../per-connection.js';

/** What applying a reaction event needs besides the connection (handlers and loaders both fit). */
export type ReactionContext = Pick<HandlerContext, 'emit' | 'logger'>;

function hasReactor(known: Known, userId: string): boolean {
  return known === undefined ? false : typeof known === 'string' ? known === userId : known.has(userId);
}

function knownCount(known: Known): number {
  return known === undefined ? 0 : typeof known === 'string' ? 1 : known.size;
}

function addReactor(reaction: Reaction, known: Known, userId: string): void {
  if (known === undefined) reactors.set(reaction, userId);
  else if (typeof known === 'string') reactors.set(reaction, new Set([known, userId]));
  else known.add(userId);
}

function deleteReactor(reaction: Reaction, known: Known, userId: string): boolean {
  if (known === undefined) return false;
  if (typeof known === 'string') {
    if (known !== userId) return false;
    reactors.delete(reaction);
    return true;
  }
  return known.delete(userId);
}

/**
 * Whether every reactor behind `count` is known. True for reactions built from events; false
 * for counts loaded over REST (`{emoji, count, me}` without who), until reconciled.
 */
function reactorsKnown(reaction: Reaction, known: Known): boolean {
  return reaction.count <= knownCount(known) + (reaction.me ? 1 : 0);
}

/** Reaction events carry the emoji as a string; some senders use `{name}`. */
export function emojiName(emoji: unknown): string {
  if (typeof emoji === 'string') return emoji;
  if (typeof emoji === 'object' && emoji !== null) {
    const name = (emoji as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return '';
}

function findReaction(message: Message, name: string): Reaction | undefined {
  const reactions = message.reactions;
  if (!reactions) return undefined;
  for (const reaction of reactions) if (reaction.emoji.name === name) return reaction;
  return undefined;
}

/** A new, empty reaction for `name`, appended to the message's reactions. */
function addReaction(message: Message, name: string): Reaction {
  const reaction = new EventReaction(name);
  if (message.reactions) message.reactions.push(reaction);
  else message.reactions = [reaction];
  return reaction;
}

function dropReaction(message: Message, reaction: Reaction): void {
  const list = message.reactions;
  if (!list) return;
  const at = list.indexOf(reaction);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) message.reactions = null;
}

/**
 * One add or remove with set semantics (the server emits reaction.add even when the reaction
 * already existed, and reaction.remove even when nothing was removed): a user is in or out.
 * Exact for me always, for others when the reaction's reactors are known. `reaction` is the
 * message's reaction for `name` (if any) and `known` its reactors. Returns whether anything changed.
 */
function applyOp(conn: ServerConnection, message: Message, name: string, reaction: Reaction | undefined, known: Known, add: boolean, userId: string): boolean {
  const isMe = userId === conn.userId;
  if (add) {
    reaction ??= addReaction(message, name);
    if (isMe) {
      if (reaction.me) return false;
      reaction.me = true;
    } else {
      if (hasReactor(known, userId)) return false;
      addReactor(reaction, known, userId);
    }
    reaction.count++;
    return true;
  }
  if (!reaction) return false;
  if (isMe) {
    if (!reaction.me) return false;
    reaction.me = false;
  } else if (!deleteReactor(reaction, known, userId)) {
    return false;
  }
  reaction.count--;
  if (reaction.count <= 0) dropReaction(message, reaction);
  return true;
}

/** applyOp on the message's current reaction for `name`. */
function applyOpFresh(conn: ServerConnection, message: Message, name: string, add: boolean, userId: string): boolean {
  const reaction = findReaction(message, name);
  return applyOp(conn, message, name, reaction, reaction ? reactors.get(reaction) : undefined, add, userId);
}

// ---- reconciling reactions whose reactors are not known ----

interface ReactionOp {
  add: boolean;
  userId: string;
}

/** One GET …/reactions/{emoji} in flight; events for the same (message, emoji) queue on it. */
interface Reconcile {
  readonly generation: number;
  readonly channelId: string;
  readonly messageId: string;
  readonly emoji: string;
  readonly queue: ReactionOp[];
}

const reconciles = new PerConnection<Reconcile>();
/** Reconciles in flight over every connection: the known-reactor path skips the lookup at 0. */
let reconciling = 0;

function reconcileKey(messageId: string, emoji: string): string {
  return `${messageId}\u0000${emoji}`;
}

function runningReconcile(conn: ServerConnection, messageId: string, emoji: string): Reconcile | undefined {
  const running = reconciles.get(conn, reconcileKey(messageId, emoji));
  return running && running.generation === conn.generation ? running : undefined;
}

/**
 * Asks the server who reacted, then sets reactors, count and `me` from that list and re-applies
 * (set semantics) every event that arrived meanwhile, in order: whether the list was read before
 * or after each of them, the end state is the server's.
 */
function startReconcile(ctx: ReactionContext, conn: ServerConnection, message: Message, emoji: string, first: ReactionOp): void {
  const key = reconcileKey(message.id, emoji);
  const run: Reconcile = { generation: conn.generation, channelId: message.channel_id, messageId: message.id, emoji, queue: [first] };
  if (reconciles.set(conn, key, run)) reconciling++;
  conn.client.rest.listReactionUsers(run.channelId, run.messageId, emoji).then(
    (users) => settleReconcile(ctx, conn, key, run, users),
    (error: unknown) => {
      ctx.logger.warn(`accordkit store: fetching reactors of ${run.messageId} failed`, {
        error: error instanceof Error ? error.message : String(error),
      });
      settleReconcile(ctx, conn, key, run, null);
    },
  );
}

function settleReconcile(ctx: ReactionContext, conn: ServerConnection, key: string, run: Reconcile, users: readonly string[] | null): void {
  // Replaced (a newer READY) or cancelled (a clear made the queued events moot).
  if (!reconciles.deleteIfCurrent(conn, key, run)) return;
  reconciling--;
  if (conn.removed || conn.generation !== run.generation) return;
  const message = conn.cache.findMessage(run.messageId, run.channelId);
  if (!message) return;
  if (users) setReactors(conn, message, run.emoji, users);
  for (const op of run.queue) {
    if (users) applyOpFresh(conn, message, run.emoji, op.add, op.userId);
    else applyBestEffort(conn, message, run.emoji, op);
  }
  ctx.emit('messagesUpdated', message.channel_id);
}

/** The reaction as the server lists it: every reactor known from now on. */
function setReactors(conn: ServerConnection, message: Message, emoji: string, users: readonly string[]): void {
  const others = new Set(users);
  const me = others.delete(conn.userId);
  let reaction = findReaction(message, emoji);
  if (others.size === 0 && !me) {
    if (reaction) dropReaction(message, reaction);
    return;
  }
  reaction ??= addReaction(message, emoji);
  reaction.me = me;
  reaction.count = others.size + (me ? 1 : 0);
  if (others.size === 0) reactors.delete(reaction);
  else if (others.size === 1) reactors.set(reaction, others.values().next().value as string);
  else reactors.set(reaction, others);
}

/**
 * The list could not be read: apply the event as well as the count allows (a remove of an unseen
 * user counts only while the count holds reactors we never saw).
 */
function applyBestEffort(conn: ServerConnection, message: Message, emoji: string, op: ReactionOp): void {
  const reaction = findReaction(message, emoji);
  const known = reaction ? reactors.get(reaction) : undefined;
  if (op.add || !reaction || op.userId === conn.userId) {
    applyOp(conn, message, emoji, reaction, known, op.add, op.userId);
    return;
  }
  if (deleteReactor(reaction, known, op.userId) || !reactorsKnown(reaction, known)) {
    reaction.count--;
    if (reaction.count <= 0) dropReaction(message, reaction);
  }
}

/** Drops the reconciles of a message (one emoji, or all): a clear decided their outcome. */
function cancelReconciles(conn: ServerConnection, messageId: string, emoji: string | null): void {
  if (reconciling === 0) return;
  reconciling -= reconciles.deleteWhere(conn, (run) => run.messageId === messageId && (emoji === null || run.emoji === emoji));
}

// ---- applying events (live, or re-applied after a message page replaced the cached ones) ----

export function applyReactionEvent(ctx: ReactionContext, conn: ServerConnection, data: ReactionEventData, add: boolean): void {
  const message = conn.cache.findMessage(data.message_id, data.channel_id);
  const name = emojiName(data.emoji);
  if (!message || !name) return;
  const userId = data.user_id;
  if (reconciling !== 0) {
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
  if (applyOp(conn, message, name, reaction, known, add, userId)) ctx.emit('messagesUpdated', message.channel_id);
}

export function applyReactionClear(ctx: ReactionContext, conn: ServerConnection, data: ReactionClearData): void {
  const message = conn.cache.findMessage(data.message_id, data.channel_id);
  if (!message) return;
  cancelReconciles(conn, message.id, null);
  message.reactions = null;
  ctx.emit('messagesUpdated', message.channel_id);
}

export function applyReactionClearEmoji(ctx: ReactionContext, conn: ServerConnection, data: ReactionClearEmojiData): void {
  const message = conn.cache.findMessage(data.message_id, data.channel_id);
  const name = emojiName(data.emoji);
  if (!message || !name) return;
  cancelReconciles(conn, message.id, name);
  const reaction = findReaction(message, name);
  if (!reaction) return;
  dropReaction(message, reaction);
  ctx.emit('messagesUpdated', message.channel_id);
}

/** The server emits reaction.add even when the reaction already existed: count each user once. */
function onReactionAdd(ctx: HandlerContext, conn: ServerConnection, data: ReactionEventData): void {
  if (openJournals !== 0) journalEvent(conn, data.channel_id, { kind: 'reaction.add', data });
  applyReactionEvent(ctx, conn, data, true);
}

/** Also emitted when nothing was removed: a user not among the reactors changes nothing. */
function onReactionRemove(ctx: HandlerContext, conn: ServerConnection, data: ReactionEventData): void {
  if (openJournals !== 0) journalEvent(conn, data.channel_id, { kind: 'reaction.remove', data });
  applyReactionEvent(ctx, conn, data, false);
}

function onReactionClear(ctx: HandlerContext, conn: ServerConnection, data: ReactionClearData): void {
  if (openJournals !== 0) journalEvent(conn, data.channel_id, { kind: 'reaction.clear', data });
  applyReactionClear(ctx, conn, data);
}

function onReactionClearEmoji(ctx: HandlerContext, conn: ServerConnection, data: ReactionClearEmojiData): void {
  if (openJournals !== 0) journalEvent(conn, data.channel_id, { kind: 'reaction.clear_emoji', data });
  applyReactionClearEmoji(ctx, conn, data);
}

export const reactionHandlers: HandlerTable = {
  'reaction.add': onReactionAdd,
  'reaction.remove': onReactionRemove,
  'reaction.clear': onReactionClear,
  'reaction.clear_emoji': onReactionClearEmoji,
};
