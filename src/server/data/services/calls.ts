import type { GatewayEventType } from '../../../protocol/events.js';
import { badRequest } from '../errors.js';
import { isDmChannel, participantIds } from '../serialize.js';
import type { ChannelRecord } from '../records.js';
import { requireChannelAccess } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToUsers } from './context.js';
import type { Body } from './validate.js';

/**
 * DM call signalling over REST (docs/protocol.md §3.12): ring, decline, cancel. Each is for DM / group
 * DM participants only and goes to every participant, the actor included. Joining the call is op 9
 * or the REST voice join; `call.end` comes from the voice side when the last one leaves.
 */

function requireDmParticipant(ctx: ServiceContext, userId: string, channelId: string): ChannelRecord {
  const channel = requireChannelAccess(ctx, channelId, userId);
  if (!isDmChannel(channel)) throw badRequest('calls are only for direct message channels');
  return channel;
}

export function ringCall(ctx: ServiceContext, userId: string, channelId: string, body: Body): { ok: true } {
  const channel = requireDmParticipant(ctx, userId, channelId);
  const participants = participantIds(ctx.data.tables, channel.id);
  const metadata = body.metadata ?? null;
  publishToUsers(ctx, 'call.ring', { channel_id: channel.id, caller_id: userId, participants, metadata }, participants);
  return { ok: true };
}

export function declineCall(ctx: ServiceContext, userId: string, channelId: string): { ok: true } {
  return announce(ctx, 'call.decline', requireDmParticipant(ctx, userId, channelId), userId);
}

export function cancelCall(ctx: ServiceContext, userId: string, channelId: string): { ok: true } {
  return announce(ctx, 'call.cancel', requireDmParticipant(ctx, userId, channelId), userId);
}

function announce(ctx: ServiceContext, type: GatewayEventType, channel: ChannelRecord, userId: string): { ok: true } {
  publishToUsers(ctx, type, { channel_id: channel.id, user_id: userId }, participantIds(ctx.data.tables, channel.id));
  return { ok: true };
}
