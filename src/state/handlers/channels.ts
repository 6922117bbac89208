import type { Channel, ChannelDeleteData, ChannelPinsUpdateData, ChannelReorderData } from '../../models/index.js';
import { isDmChannelType } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { putDmChannel, replaceSpaceChannels } from '../mutations/channels.js';
import type { HandlerTable } from './table.js';

/** create and update alike: DMs (with their recipients) to the DM cache, the rest per space. */
function onChannelUpsert(ctx: StateContext, conn: ServerConnection, channel: Channel): void {
  const cache = conn.cache;
  if (isDmChannelType(channel.type)) {
    putDmChannel(cache, channel);
    ctx.emit('dmChannelsUpdated');
    return;
  }
  const spaceId = channel.space_id;
  if (!spaceId || !cache.spaces.has(spaceId)) return;
  cache.setChannel(channel);
  ctx.emit('channelsUpdated', spaceId);
}

function onChannelDelete(ctx: StateContext, conn: ServerConnection, data: ChannelDeleteData): void {
  const cache = conn.cache;
  const wasDm = cache.dmChannels.has(data.id);
  const removed = cache.deleteChannel(data.id);
  if (!removed) return;
  conn.inFlight.acks.forget(data.id);
  if (wasDm) ctx.emit('dmChannelsUpdated');
  else if (removed.space_id) ctx.emit('channelsUpdated', removed.space_id);
}

/** The full, re-read channel list of a space (docs/protocol.md §3.7). */
function onChannelReorder(ctx: StateContext, conn: ServerConnection, data: ChannelReorderData): void {
  if (!conn.cache.spaces.has(data.space_id)) return;
  replaceSpaceChannels(conn.cache, data.space_id, data.channels);
  ctx.emit('channelsUpdated', data.space_id);
}

function onChannelPinsUpdate(ctx: StateContext, conn: ServerConnection, data: ChannelPinsUpdateData): void {
  if (conn.cache.isKnownChannel(data.channel_id)) ctx.emit('messagesUpdated', data.channel_id);
}

export const channelHandlers: HandlerTable = {
  'channel.create': onChannelUpsert,
  'channel.update': onChannelUpsert,
  'channel.delete': onChannelDelete,
  'channel.reorder': onChannelReorder,
  'channel.pins_update': onChannelPinsUpdate,
};
