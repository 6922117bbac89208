import type { ChannelMuteData, ReadStateUpdateData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { applyAck, setMuted } from '../mutations/read-states.js';
import type { HandlerTable } from './table.js';

/** Another session of mine read the channel (POST /channels/{id}/ack). */
function onReadStateUpdate(ctx: StateContext, conn: ServerConnection, data: ReadStateUpdateData): void {
  if (!conn.cache.isKnownChannel(data.channel_id)) return;
  conn.inFlight.readStateTouches.touch(data.channel_id);
  if (applyAck(conn.cache, data.channel_id, data.mention_count)) ctx.emit('messagesUpdated', data.channel_id);
}

function onChannelMuteCreate(_ctx: StateContext, conn: ServerConnection, data: ChannelMuteData): void {
  setMuted(conn.cache, data.channel_id, true);
}

function onChannelMuteDelete(_ctx: StateContext, conn: ServerConnection, data: ChannelMuteData): void {
  setMuted(conn.cache, data.channel_id, false);
}

export const readStateHandlers: HandlerTable = {
  'read_state.update': onReadStateUpdate,
  'channel_mute.create': onChannelMuteCreate,
  'channel_mute.delete': onChannelMuteDelete,
};
