import type { ChannelMuteData, ReadStateUpdateData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { applyAck, setMuted } from '../mutations/read-states.js';
import { emitUnreadChanged, hasUnreadAfter } from '../read-position.js';
import type { HandlerTable } from './table.js';

/**
 * A session of mine (this one included) acked the channel (POST /channels/{id}/ack): read here
 * too, unless someone else's message newer than the acked one is here.
 */
function onReadStateUpdate(ctx: StateContext, conn: ServerConnection, data: ReadStateUpdateData): void {
  const channelId = data.channel_id;
  const cache = conn.cache;
  if (!cache.isKnownChannel(channelId)) return;
  conn.inFlight.readStateTouches.touch(channelId);
  const readUpTo = data.last_read_message_id;
  if (readUpTo) conn.inFlight.acks.note(channelId, readUpTo);
  const stillUnread = readUpTo ? cache.unread.has(channelId) && hasUnreadAfter(cache, channelId, conn.userId, readUpTo) : false;
  if (applyAck(cache, channelId, data.mention_count, stillUnread)) emitUnreadChanged(ctx, cache, channelId);
}

/** Muted: never unread (docs/protocol.md §3.8: accordserver does not forward these; others may). */
function onChannelMuteCreate(ctx: StateContext, conn: ServerConnection, data: ChannelMuteData): void {
  if (setMuted(conn.cache, data.channel_id, true)) emitUnreadChanged(ctx, conn.cache, data.channel_id);
}

function onChannelMuteDelete(_ctx: StateContext, conn: ServerConnection, data: ChannelMuteData): void {
  setMuted(conn.cache, data.channel_id, false);
}

export const readStateHandlers: HandlerTable = {
  'read_state.update': onReadStateUpdate,
  'channel_mute.create': onChannelMuteCreate,
  'channel_mute.delete': onChannelMuteDelete,
};
