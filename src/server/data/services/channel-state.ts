import { badRequest } from '../errors.js';
import { compareIds, maxId } from '../ids.js';
import { READ_VIEW, toMessage } from '../serialize.js';
import { pairKey } from '../tables.js';
import { storedTime, typingTime } from '../time.js';
import type { ChannelMute, Message } from '../wire.js';
import { requireChannelAccess, requireChannelPermission, requireMessage, requireNotTimedOut } from './access.js';
import type { ServiceContext } from './context.js';
import { publishForChannel, publishToUsers } from './context.js';
import type { Body } from './validate.js';
import { optString, reqString } from './validate.js';

/** Typing, read acks, mutes and pins: per-channel state around messages. */

export function startTyping(ctx: ServiceContext, userId: string, channelId: string, body: Body): void {
  const channel = requireChannelPermission(ctx, channelId, userId, 'send_messages');
  requireNotTimedOut(ctx, channel, userId);
  const threadId = optString(body, 'thread_id');
  const data: Record<string, unknown> = { channel_id: channel.id, user_id: userId, timestamp: typingTime(ctx.data.clock.now()) };
  if (threadId !== undefined) data.thread_id = threadId;
  publishForChannel(ctx, 'typing.start', data, channel);
}

/** `POST /channels/{id}/ack`: the read state moves forward only; mention count resets. */
export function ackChannel(ctx: ServiceContext, userId: string, channelId: string, body: Body): void {
  const channel = requireChannelAccess(ctx, channelId, userId);
  const messageId = reqString(body, 'message_id');
  if (!/^\d+$/.test(messageId)) throw badRequest('message_id must be a message id');
  const key = pairKey(userId, channel.id);
  const previous = ctx.data.tables.readStates.get(key)?.last_read_message_id ?? null;
  const lastRead = maxId(previous, messageId);
  ctx.data.tables.readStates.put({ user_id: userId, channel_id: channel.id, last_read_message_id: lastRead, mention_count: 0 });
  publishToUsers(ctx, 'read_state.update', { channel_id: channel.id, last_read_message_id: lastRead, mention_count: 0 }, [userId]);
}

/** `channel_mute.*` are targeted at the caller; the gateway consumes them to refresh its mute set. */
export function muteChannel(ctx: ServiceContext, userId: string, channelId: string): ChannelMute {
  const channel = requireChannelAccess(ctx, channelId, userId);
  const key = pairKey(userId, channel.id);
  const mute = ctx.data.tables.mutes.get(key) ?? ctx.data.tables.mutes.put({ user_id: userId, channel_id: channel.id, created_at: storedTime(ctx.data.clock.now()) });
  publishToUsers(ctx, 'channel_mute.create', { channel_id: channel.id }, [userId]);
  return { ...mute };
}

export function unmuteChannel(ctx: ServiceContext, userId: string, channelId: string): void {
  const channel = requireChannelAccess(ctx, channelId, userId);
  ctx.data.tables.mutes.delete(pairKey(userId, channel.id));
  publishToUsers(ctx, 'channel_mute.delete', { channel_id: channel.id }, [userId]);
}

export const listMutes = (ctx: ServiceContext, userId: string): ChannelMute[] => ctx.data.tables.mutes.where('user', userId).map((m) => ({ ...m }));

export function listPins(ctx: ServiceContext, userId: string, channelId: string): Message[] {
  const channel = requireChannelPermission(ctx, channelId, userId, 'read_history');
  return ctx.data.tables.messages
    .where('channel', channel.id)
    .filter((m) => m.pinned)
    .sort((a, b) => compareIds(b.pinned_at ?? '', a.pinned_at ?? '') || compareIds(b.id, a.id))
    .map((m) => toMessage(ctx.data.tables, m, userId, READ_VIEW));
}

/** Pin / unpin; announces `channel.pins_update` (the real server is silent: DEVIATIONS.md). */
export function setPinned(ctx: ServiceContext, userId: string, channelId: string, messageId: string, pinned: boolean): void {
  const channel = requireChannelPermission(ctx, channelId, userId, 'manage_messages');
  const message = requireMessage(ctx, messageId, channel.id);
  const now = storedTime(ctx.data.clock.now());
  ctx.data.tables.messages.put({ ...message, pinned, pinned_at: pinned ? now : null });
  const lastPin = ctx.data.tables.messages
    .where('channel', channel.id)
    .reduce<string | null>((latest, m) => (m.pinned_at !== null && (latest === null || m.pinned_at > latest) ? m.pinned_at : latest), null);
  publishForChannel(ctx, 'channel.pins_update', { channel_id: channel.id, space_id: channel.space_id, last_pin_timestamp: lastPin }, channel);
}
