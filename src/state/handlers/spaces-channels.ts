import type { Channel, ChannelDeleteData, ChannelPinsUpdateData, ChannelReorderData, Space, SpaceDeleteData } from '../../models/index.js';
import { isDmChannelType } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { HandlerContext, HandlerTable } from './context.js';
import { mergeUser } from './presence-users.js';

function onSpaceCreate(ctx: HandlerContext, conn: ServerConnection, space: Space): void {
  conn.cache.setSpace(space);
  ctx.emit('spacesUpdated');
}

function onSpaceUpdate(ctx: HandlerContext, conn: ServerConnection, space: Space): void {
  if (!conn.cache.spaces.has(space.id)) return;
  conn.cache.setSpace(space);
  ctx.emit('spacesUpdated');
}

function onSpaceDelete(ctx: HandlerContext, conn: ServerConnection, data: SpaceDeleteData): void {
  if (!conn.cache.spaces.has(data.id)) return;
  conn.cache.deleteSpace(data.id);
  ctx.emit('spacesUpdated');
}

/** create and update alike: DMs (with their recipients) to the DM cache, the rest per space. */
function onChannelUpsert(ctx: HandlerContext, conn: ServerConnection, channel: Channel): void {
  const cache = conn.cache;
  if (isDmChannelType(channel.type)) {
    for (const recipient of channel.recipients ?? []) mergeUser(conn, recipient);
    cache.setChannel(channel);
    ctx.emit('dmChannelsUpdated');
    return;
  }
  const spaceId = channel.space_id;
  if (!spaceId || !cache.spaces.has(spaceId)) return;
  cache.setChannel(channel);
  ctx.emit('channelsUpdated', spaceId);
}

function onChannelDelete(ctx: HandlerContext, conn: ServerConnection, data: ChannelDeleteData): void {
  const cache = conn.cache;
  const wasDm = cache.dmChannels.has(data.id);
  const removed = cache.deleteChannel(data.id);
  if (!removed) return;
  if (wasDm) ctx.emit('dmChannelsUpdated');
  else if (removed.space_id) ctx.emit('channelsUpdated', removed.space_id);
}

/** The full, re-read channel list of a space (PROTOCOL.md §3.7). */
function onChannelReorder(ctx: HandlerContext, conn: ServerConnection, data: ChannelReorderData): void {
  const cache = conn.cache;
  if (!cache.spaces.has(data.space_id)) return;
  const incoming = new Set<string>();
  for (const channel of data.channels) {
    if (isDmChannelType(channel.type)) continue;
    if (!channel.space_id) channel.space_id = data.space_id;
    incoming.add(channel.id);
    cache.setChannel(channel);
  }
  for (const channelId of Array.from(cache.spaceChannels.get(data.space_id) ?? [])) {
    if (!incoming.has(channelId)) cache.deleteChannel(channelId);
  }
  ctx.emit('channelsUpdated', data.space_id);
}

function onChannelPinsUpdate(ctx: HandlerContext, conn: ServerConnection, data: ChannelPinsUpdateData): void {
  if (conn.cache.isKnownChannel(data.channel_id)) ctx.emit('messagesUpdated', data.channel_id);
}

export const spaceChannelHandlers: HandlerTable = {
  'space.create': onSpaceCreate,
  'space.update': onSpaceUpdate,
  'space.delete': onSpaceDelete,
  'channel.create': onChannelUpsert,
  'channel.update': onChannelUpsert,
  'channel.delete': onChannelDelete,
  'channel.reorder': onChannelReorder,
  'channel.pins_update': onChannelPinsUpdate,
};
