import type { Message, Reaction, ReactionClearData, ReactionClearEmojiData, ReactionEventData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { HandlerContext, HandlerTable } from './context.js';

/**
 * Who reacted, per reaction object, besides me (`me` covers me): one id as a plain string, more
 * as a Set. Weakly keyed, so an evicted message takes its reactors with it.
 */
const reactors = new WeakMap<Reaction, string | Set<string>>();

function hasReactor(reaction: Reaction, userId: string): boolean {
  const known = reactors.get(reaction);
  return known === undefined ? false : typeof known === 'string' ? known === userId : known.has(userId);
}

function addReactor(reaction: Reaction, userId: string): void {
  const known = reactors.get(reaction);
  if (known === undefined) reactors.set(reaction, userId);
  else if (typeof known === 'string') reactors.set(reaction, new Set([known, userId]));
  else known.add(userId);
}

function deleteReactor(reaction: Reaction, userId: string): boolean {
  const known = reactors.get(reaction);
  if (known === undefined) return false;
  if (typeof known === 'string') {
    if (known !== userId) return false;
    reactors.delete(reaction);
    return true;
  }
  return known.delete(userId);
}

function knownReactorCount(reaction: Reaction): number {
  const known = reactors.get(reaction);
  return known === undefined ? 0 : typeof known === 'string' ? 1 : known.size;
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

/** The server emits reaction.add even when the reaction already existed: count each user once. */
function onReactionAdd(ctx: HandlerContext, conn: ServerConnection, data: ReactionEventData): void {
  const message = conn.cache.findMessage(data.message_id, data.channel_id);
  const name = emojiName(data.emoji);
  if (!message || !name) return;
  const isMe = data.user_id === conn.userId;
  let reaction = findReaction(message, name);
  if (!reaction) {
    reaction = { emoji: { id: null, name }, count: 0, me: false };
    if (message.reactions) message.reactions.push(reaction);
    else message.reactions = [reaction];
  } else if (isMe ? reaction.me : hasReactor(reaction, data.user_id)) {
    return;
  }
  if (isMe) reaction.me = true;
  else addReactor(reaction, data.user_id);
  reaction.count++;
  ctx.emit('messagesUpdated', message.channel_id);
}

function dropReaction(message: Message, reaction: Reaction): void {
  const list = message.reactions;
  if (!list) return;
  const at = list.indexOf(reaction);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) message.reactions = null;
}

/**
 * Also emitted when nothing was removed. A user we saw react is removed; an unseen one only
 * while the count holds reactors we never saw (e.g. counts loaded over REST).
 */
function onReactionRemove(ctx: HandlerContext, conn: ServerConnection, data: ReactionEventData): void {
  const message = conn.cache.findMessage(data.message_id, data.channel_id);
  const name = emojiName(data.emoji);
  if (!message || !name) return;
  const reaction = findReaction(message, name);
  if (!reaction) return;
  if (data.user_id === conn.userId) {
    if (!reaction.me) return;
    reaction.me = false;
  } else if (!deleteReactor(reaction, data.user_id)) {
    const unseen = reaction.count - (reaction.me ? 1 : 0) - knownReactorCount(reaction);
    if (unseen <= 0) return;
  }
  reaction.count--;
  if (reaction.count <= 0) dropReaction(message, reaction);
  ctx.emit('messagesUpdated', message.channel_id);
}

function onReactionClear(ctx: HandlerContext, conn: ServerConnection, data: ReactionClearData): void {
  const message = conn.cache.findMessage(data.message_id, data.channel_id);
  if (!message) return;
  message.reactions = null;
  ctx.emit('messagesUpdated', message.channel_id);
}

function onReactionClearEmoji(ctx: HandlerContext, conn: ServerConnection, data: ReactionClearEmojiData): void {
  const message = conn.cache.findMessage(data.message_id, data.channel_id);
  const name = emojiName(data.emoji);
  if (!message || !name) return;
  const reaction = findReaction(message, name);
  if (!reaction) return;
  dropReaction(message, reaction);
  ctx.emit('messagesUpdated', message.channel_id);
}

export const reactionHandlers: HandlerTable = {
  'reaction.add': onReactionAdd,
  'reaction.remove': onReactionRemove,
  'reaction.clear': onReactionClear,
  'reaction.clear_emoji': onReactionClearEmoji,
};
