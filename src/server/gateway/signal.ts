import type { BusEvent, GatewayData, LiveState } from '../contracts.js';
import { isRecord } from './inbound.js';
import type { Session } from './session.js';
import { isDmChannelType } from './voice.js';

/**
 * SUPERSET op 11 voice signal -> `voice.signal {channel_id, user_id (sender), signal_type, payload}`
 * to `target_user_id`, or else to every peer: DM participants for a DM channel, users in voice in
 * that channel for a space channel. The sender must be a DM participant / in voice in the channel.
 * Returns the users it went to (empty when ignored).
 */
export function handleVoiceSignal(
  ctx: { data: GatewayData; live: LiveState; publish(event: BusEvent): void },
  session: Session,
  raw: unknown,
): string[] {
  if (!isRecord(raw)) return [];
  const { channel_id: channelId, signal_type: signalType, target_user_id: target } = raw;
  if (typeof channelId !== 'string' || typeof signalType !== 'string') return [];
  if (target !== undefined && target !== null && typeof target !== 'string') return [];
  const channel = ctx.data.channel(channelId);
  if (!channel) return [];

  let peers: string[];
  if (isDmChannelType(channel.type)) {
    peers = ctx.data.dmParticipants(channelId);
    if (!peers.includes(session.userId)) return [];
  } else {
    if (channel.space_id === null || !session.spaceIds.has(channel.space_id)) return [];
    if (ctx.live.voiceStates.get(session.userId)?.channel_id !== channelId) return [];
    peers = [];
    for (const state of ctx.live.voiceStates.values()) if (state.channel_id === channelId) peers.push(state.user_id);
  }
  let targets: string[];
  if (typeof target === 'string') {
    if (!peers.includes(target)) return [];
    targets = [target];
  } else {
    targets = peers.filter((id) => id !== session.userId);
  }
  if (targets.length === 0) return [];
  ctx.publish({
    type: 'voice.signal',
    data: { channel_id: channelId, user_id: session.userId, signal_type: signalType, payload: raw.payload ?? null },
    targetUserIds: targets,
  });
  return targets;
}
