import type { CallEventData, CallRingData } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';
import type { DmCall } from '../types.js';

function newCall(cache: ConnectionCache, channelId: string, callerId: string | null, participants: string[], metadata: unknown): DmCall {
  const call: DmCall = { channel_id: channelId, caller_id: callerId, participants, metadata, declined: [], state: 'ringing', ended_by: null };
  cache.calls.set(channelId, call);
  return call;
}

/** A ring starts the DM's call afresh (a new ring after an end is a new call). */
export function ringCall(cache: ConnectionCache, data: CallRingData): void {
  newCall(cache, data.channel_id, data.caller_id, data.participants, data.metadata);
}

/** The DM's call; one begun without a ring seen here (joined directly, or rung before we came). */
function callOf(cache: ConnectionCache, channelId: string): DmCall {
  return cache.calls.get(channelId) ?? newCall(cache, channelId, null, [], null);
}

export function declineCall(cache: ConnectionCache, data: CallEventData): void {
  const call = callOf(cache, data.channel_id);
  if (!call.declined.includes(data.user_id)) call.declined.push(data.user_id);
}

/** `call.cancel` (the caller gave up ringing) or `call.end` (the last participant left voice). */
export function finishCall(cache: ConnectionCache, data: CallEventData, how: 'cancelled' | 'ended'): void {
  const call = callOf(cache, data.channel_id);
  call.state = how;
  call.ended_by = data.user_id;
}
