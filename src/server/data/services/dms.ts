import { badRequest, forbidden, notFound } from '../errors.js';
import { dmChannelsOf } from '../queries.js';
import type { ChannelRecord } from '../records.js';
import { isDmChannel, participantIds, toDmChannel } from '../serialize.js';
import { pairKey } from '../tables.js';
import { storedTime } from '../time.js';
import type { Channel } from '../wire.js';
import { requireChannelAccess, requireUser } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToUsers } from './context.js';
import { CHANNEL_DEFAULTS } from './space-defaults.js';
import type { Body } from './validate.js';
import { optString, optStringArray } from './validate.js';

/** A group DM holds at most 10 participants (the creator plus 1-9 others). */
const MAX_GROUP_PARTICIPANTS = 10;

const blocks = (ctx: ServiceContext, userId: string, otherId: string): boolean =>
  ctx.data.tables.relationships.get(pairKey(otherId, userId))?.type === 2 ||
  ctx.data.tables.relationships.get(pairKey(userId, otherId))?.type === 2;

/**
 * `POST /users/@me/channels`: `{recipient_id}` or `{recipients}` (1-9 others). One recipient
 * reuses the existing 1:1 DM. `channel.create` (with recipients) goes to every participant.
 */
export function openDm(ctx: ServiceContext, userId: string, body: Body): Channel {
  const single = optString(body, 'recipient_id');
  const others = [...new Set((single !== undefined ? [single] : (optStringArray(body, 'recipients') ?? [])).filter((id) => id !== userId))];
  if (others.length < 1 || others.length > 9) throw badRequest('a direct message needs 1 to 9 other recipients');
  for (const id of others) {
    requireUser(ctx, id);
    if (blocks(ctx, userId, id)) throw forbidden('cannot message this user');
  }
  const { tables } = ctx.data;
  let channel: ChannelRecord | undefined;
  if (others.length === 1) {
    const other = others[0] ?? '';
    channel = dmChannelsOf(tables, userId).find((c) => {
      const ids = participantIds(tables, c.id);
      return c.type === 'dm' && ids.length === 2 && ids.includes(other);
    });
  }
  if (!channel) {
    channel = tables.channels.put({
      ...CHANNEL_DEFAULTS,
      id: ctx.data.nextId(),
      type: others.length === 1 ? 'dm' : 'group_dm',
      space_id: null,
      name: '',
      owner_id: userId,
      permission_overwrites: [],
      created_at: storedTime(ctx.data.clock.now()),
    });
    for (const id of [userId, ...others]) tables.participants.put({ channel_id: channel.id, user_id: id });
  }
  const payload = toDmChannel(tables, channel);
  publishToUsers(ctx, 'channel.create', payload, participantIds(tables, channel.id));
  return payload;
}

/** A group DM the caller participates in; 400 for a 1:1 DM or a space channel. */
function requireGroupDm(ctx: ServiceContext, userId: string, channelId: string): ChannelRecord {
  const channel = requireChannelAccess(ctx, channelId, userId);
  if (!isDmChannel(channel) || channel.type !== 'group_dm') throw badRequest('recipients can only change on a group DM');
  return channel;
}

/**
 * `PUT /channels/{id}/recipients/{uid}` (group DM owner): adds a participant and sends
 * `channel.update` (with recipients) to every participant, the new one included. Adding someone
 * already in the group changes nothing and announces nothing.
 */
export function addRecipient(ctx: ServiceContext, userId: string, channelId: string, recipientId: string): null {
  const channel = requireGroupDm(ctx, userId, channelId);
  if (channel.owner_id !== userId) throw forbidden('only the group owner can add recipients');
  requireUser(ctx, recipientId);
  const { tables } = ctx.data;
  const current = participantIds(tables, channel.id);
  if (current.includes(recipientId)) return null;
  if (current.length >= MAX_GROUP_PARTICIPANTS) throw badRequest(`a group DM holds at most ${MAX_GROUP_PARTICIPANTS} participants`);
  if (blocks(ctx, userId, recipientId)) throw forbidden('cannot add this user');
  tables.participants.put({ channel_id: channel.id, user_id: recipientId });
  publishToUsers(ctx, 'channel.update', toDmChannel(tables, channel), participantIds(tables, channel.id));
  return null;
}

/**
 * `DELETE /channels/{id}/recipients/{uid}` (group DM owner, or anyone removing themselves):
 * `channel.update` to the remaining participants; the removed user gets nothing (as on leave).
 * When the owner leaves, ownership moves to the first remaining participant.
 */
export function removeRecipient(ctx: ServiceContext, userId: string, channelId: string, recipientId: string): null {
  const target = recipientId === '@me' ? userId : recipientId;
  const channel = requireGroupDm(ctx, userId, channelId);
  if (target !== userId && channel.owner_id !== userId) throw forbidden('only the group owner can remove recipients');
  const { tables } = ctx.data;
  if (!tables.participants.delete(pairKey(channel.id, target))) throw notFound('unknown_user');
  const rest = participantIds(tables, channel.id);
  const next = channel.owner_id === target ? tables.channels.put({ ...channel, owner_id: rest[0] ?? null }) : channel;
  if (rest.length > 0) publishToUsers(ctx, 'channel.update', toDmChannel(tables, next), rest);
  return null;
}
