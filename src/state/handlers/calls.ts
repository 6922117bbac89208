import type { CallEventData, CallRingData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { declineCall, finishCall, ringCall } from '../mutations/calls.js';
import type { HandlerTable } from './table.js';

/** DM calls (docs/protocol.md §3.12): only for DMs this connection holds, so stray ids cannot pile up. */
function onCallRing(ctx: StateContext, conn: ServerConnection, data: CallRingData): void {
  if (!conn.cache.dmChannels.has(data.channel_id)) return;
  ringCall(conn.cache, data);
  ctx.emit('callUpdated', data.channel_id);
}

function onCallDecline(ctx: StateContext, conn: ServerConnection, data: CallEventData): void {
  if (!conn.cache.dmChannels.has(data.channel_id)) return;
  declineCall(conn.cache, data);
  ctx.emit('callUpdated', data.channel_id);
}

function onCallCancel(ctx: StateContext, conn: ServerConnection, data: CallEventData): void {
  if (!conn.cache.dmChannels.has(data.channel_id)) return;
  finishCall(conn.cache, data, 'cancelled');
  ctx.emit('callUpdated', data.channel_id);
}

function onCallEnd(ctx: StateContext, conn: ServerConnection, data: CallEventData): void {
  if (!conn.cache.dmChannels.has(data.channel_id)) return;
  finishCall(conn.cache, data, 'ended');
  ctx.emit('callUpdated', data.channel_id);
}

export const callHandlers: HandlerTable = {
  'call.ring': onCallRing,
  'call.decline': onCallDecline,
  'call.cancel': onCallCancel,
  'call.end': onCallEnd,
};
