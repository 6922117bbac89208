import type { Message, Reaction } from '../../models/index.js';
import type { ReactionOp } from '../in-flight.js';
import { EventReaction, reactors, type Known } from './reactors.js';

/**
 * The reaction model: `count` and `me` as the wire has them, plus who reacted (besides me) where
 * we know it. Reactions built from events know every reactor; counts loaded over REST or READY do
 * not until reconciled (loaders/reactions.ts).
 */

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
export function reactorsKnown(reaction: Reaction, known: Known): boolean {
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

export function findReaction(message: Message, name: string): Reaction | undefined {
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
 * message's reaction for `name` (if any) and `known` its reactors; `myId` is the connection's
 * user. Returns whether anything changed.
 */
export function applyReactionOp(
  message: Message,
  name: string,
  reaction: Reaction | undefined,
  known: Known,
  add: boolean,
  userId: string,
  myId: string,
): boolean {
  const isMe = userId === myId;
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

/** applyReactionOp on the message's current reaction for `name`. */
export function applyReactionOpFresh(message: Message, name: string, op: ReactionOp, myId: string): boolean {
  const reaction = findReaction(message, name);
  return applyReactionOp(message, name, reaction, reaction ? reactors.get(reaction) : undefined, op.add, op.userId, myId);
}

/** The reaction as the server lists it: every reactor known from now on. */
export function setReactors(message: Message, emoji: string, users: readonly string[], myId: string): void {
  const others = new Set(users);
  const me = others.delete(myId);
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
 * The reactor list could not be read: apply the event as well as the count allows (a remove of
 * an unseen user counts only while the count holds reactors we never saw).
 */
export function applyReactionBestEffort(message: Message, emoji: string, op: ReactionOp, myId: string): void {
  const reaction = findReaction(message, emoji);
  const known = reaction ? reactors.get(reaction) : undefined;
  if (op.add || !reaction || op.userId === myId) {
    applyReactionOp(message, emoji, reaction, known, op.add, op.userId, myId);
    return;
  }
  if (deleteReactor(reaction, known, op.userId) || !reactorsKnown(reaction, known)) {
    reaction.count--;
    if (reaction.count <= 0) dropReaction(message, reaction);
  }
}

export function clearReactions(message: Message): void {
  message.reactions = null;
}

/** Returns whether the message had a reaction for `name`. */
export function clearReactionEmoji(message: Message, name: string): boolean {
  const reaction = findReaction(message, name);
  if (!reaction) return false;
  dropReaction(message, reaction);
  return true;
}
