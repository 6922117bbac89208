import { badRequest, forbidden } from '../errors.js';
import { dmChannelsOf } from '../queries.js';
import type { ChannelRecord } from '../records.js';
import { participantIds, toDmChannel } from '../serialize.js';
import { pairKey } from '../tables.js';
import { storedTime } from '../time.js';
import type { Channel } from '../wire.js';
import { requireUser } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToUsers } from './context.js';
import { CHANNEL_DEFAULTS } from './space-defaults.js';
import type { Body } from './validate.js';
import { optString, optStringArray } from './validate.js';

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
