import type { GatewayEventType } from '../../../protocol/events.js';
import { badRequest } from '../errors.js';
import { compareIds } from '../ids.js';
import type { ChannelRecord } from '../records.js';
import { reactionKey } from '../tables.js';
import { requireChannelAccess, requireChannelPermission, requireMessage, requireNotTimedOut } from './access.js';
import type { ServiceContext } from './context.js';
import { publishForChannel } from './context.js';

/**
 * Reactions (docs/protocol.md §3.3): `emoji` is the percent-decoded path segment, stored verbatim. The
 * message must be in the channel of the URL, else 404 `unknown_message` (the real server does not
 * check: a security fix, DEVIATIONS.md).
 */

function checkEmoji(emoji: string): string {
  if (emoji.length === 0 || [...emoji].length > 64) throw badRequest('invalid emoji');
  return emoji;
}

/** Security fix (the real server has no limit): distinct emoji one message can carry. */
export const MAX_DISTINCT_REACTIONS = 20;

/** A new emoji on a message that already has MAX_DISTINCT_REACTIONS different ones is refused. */
function requireRoomForEmoji(ctx: ServiceContext, messageId: string, emoji: string): void {
  const emojis = new Set<string>();
  for (const reaction of ctx.data.tables.reactions.where('message', messageId)) emojis.add(reaction.emoji);
  if (emojis.size >= MAX_DISTINCT_REACTIONS && !emojis.has(emoji)) {
    throw badRequest(`a message can have at most ${MAX_DISTINCT_REACTIONS} distinct reactions`);
  }
}

function event(ctx: ServiceContext, type: GatewayEventType, channel: ChannelRecord, data: Record<string, unknown>): void {
  publishForChannel(ctx, type, { channel_id: channel.id, ...data }, channel);
}

/** Idempotent; `reaction.add` is emitted even when the reaction already existed (real behaviour). */
export function addReaction(ctx: ServiceContext, userId: string, channelId: string, messageId: string, emoji: string): void {
  const channel = requireChannelPermission(ctx, channelId, userId, 'add_reactions');
  requireNotTimedOut(ctx, channel, userId);
  const message = requireMessage(ctx, messageId, channel.id);
  checkEmoji(emoji);
  const key = reactionKey(message.id, emoji, userId);
  if (!ctx.data.tables.reactions.has(key)) {
    requireRoomForEmoji(ctx, message.id, emoji);
    ctx.data.tables.reactions.put({ id: ctx.data.nextId(), message_id: message.id, channel_id: channel.id, emoji, user_id: userId });
  }
  event(ctx, 'reaction.add', channel, { message_id: message.id, user_id: userId, emoji });
}

/** Own reaction (`@me`), or someone else's with manage_messages. Emitted even if nothing was removed. */
export function removeReaction(ctx: ServiceContext, actorId: string, channelId: string, messageId: string, emoji: string, targetUserId: string): void {
  const channel =
    actorId === targetUserId
      ? requireChannelAccess(ctx, channelId, actorId)
      : requireChannelPermission(ctx, channelId, actorId, 'manage_messages');
  const message = requireMessage(ctx, messageId, channel.id);
  ctx.data.tables.reactions.delete(reactionKey(message.id, emoji, targetUserId));
  event(ctx, 'reaction.remove', channel, { message_id: message.id, user_id: targetUserId, emoji });
}

export function reactionUsers(ctx: ServiceContext, userId: string, channelId: string, messageId: string, emoji: string): string[] {
  const channel = requireChannelAccess(ctx, channelId, userId);
  const message = requireMessage(ctx, messageId, channel.id);
  return ctx.data.tables.reactions
    .where('message', message.id)
    .filter((r) => r.emoji === emoji)
    .sort((a, b) => compareIds(a.id, b.id))
    .map((r) => r.user_id);
}

export function clearEmoji(ctx: ServiceContext, userId: string, channelId: string, messageId: string, emoji: string): void {
  const channel = requireChannelPermission(ctx, channelId, userId, 'manage_messages');
  const message = requireMessage(ctx, messageId, channel.id);
  for (const r of ctx.data.tables.reactions.where('message', message.id)) {
    if (r.emoji === emoji) ctx.data.tables.reactions.delete(reactionKey(r.message_id, r.emoji, r.user_id));
  }
  event(ctx, 'reaction.clear_emoji', channel, { message_id: message.id, emoji });
}

export function clearReactions(ctx: ServiceContext, userId: string, channelId: string, messageId: string): void {
  const channel = requireChannelPermission(ctx, channelId, userId, 'manage_messages');
  const message = requireMessage(ctx, messageId, channel.id);
  for (const r of ctx.data.tables.reactions.where('message', message.id)) {
    ctx.data.tables.reactions.delete(reactionKey(r.message_id, r.emoji, r.user_id));
  }
  event(ctx, 'reaction.clear', channel, { message_id: message.id });
}
