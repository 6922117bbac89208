import type { Message, Reaction } from '../../models/index.js';
import { findReaction } from './reactions.js';
import { EventReaction } from './reactors.js';

/** How to take back one optimistic reaction of mine, exactly. */
export interface MyReactionUndo {
  readonly name: string;
  readonly add: boolean;
  /** The reaction object (kept so a removed one comes back as itself, reactors and all). */
  readonly reaction: Reaction;
  /** Where a removal took the reaction out of the list (-1: it stayed). */
  readonly removedAt: number;
}

/**
 * My own add or remove of `name`, applied at once (set semantics: `me` in or out, `count` with
 * it). Returns its undo, or null when it changed nothing (already so). The gateway's echo of it
 * finds `me` already set and changes nothing: it never counts twice.
 */
export function applyMyReaction(message: Message, name: string, add: boolean): MyReactionUndo | null {
  let reaction = findReaction(message, name);
  if (add) {
    if (reaction?.me) return null;
    if (!reaction) {
      reaction = new EventReaction(name);
      if (message.reactions) message.reactions.push(reaction);
      else message.reactions = [reaction];
    }
    reaction.me = true;
    reaction.count++;
    return { name, add, reaction, removedAt: -1 };
  }
  if (!reaction?.me) return null;
  reaction.me = false;
  reaction.count--;
  let removedAt = -1;
  const list = message.reactions;
  if (reaction.count <= 0 && list) {
    removedAt = list.indexOf(reaction);
    if (removedAt >= 0) list.splice(removedAt, 1);
    if (list.length === 0) message.reactions = null;
  }
  return { name, add, reaction, removedAt };
}

/**
 * Takes back what applyMyReaction did: `me` and one count, and a reaction it created or removed
 * leaves or returns at its place. Returns whether anything changed (an echo of the opposite may
 * have done it already).
 */
export function undoMyReaction(message: Message, undo: MyReactionUndo): boolean {
  const current = findReaction(message, undo.name);
  if (undo.add) {
    if (!current?.me) return false;
    current.me = false;
    current.count--;
    const list = message.reactions;
    if (current.count <= 0 && list) {
      list.splice(list.indexOf(current), 1);
      if (list.length === 0) message.reactions = null;
    }
    return true;
  }
  if (current?.me) return false;
  let reaction = current;
  if (!reaction) {
    reaction = undo.reaction;
    const list = message.reactions ?? [];
    const at = undo.removedAt < 0 ? list.length : Math.min(undo.removedAt, list.length);
    list.splice(at, 0, reaction);
    message.reactions = list;
  }
  reaction.me = true;
  reaction.count++;
  return true;
}
