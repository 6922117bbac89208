import { GatewayOpcodes } from '../protocol/index.js';
import type { IdentifyData, IdentifyPresence, IdentifyProperties, VoiceStateUpdateData } from '../protocol/index.js';
import type { VoiceSignalOptions, VoiceStateOptions } from './gateway-options.js';
import type { Session } from './session.js';

/** The text frames the client writes, built in one place (docs/protocol.md §1.5.2, §1.8, §1.9.1, §1.15–1.18). */

export function identifyFrame(
  authorization: string,
  intents: readonly string[],
  properties: IdentifyProperties,
  presence: IdentifyPresence | undefined,
): string {
  const identify: IdentifyData = { token: authorization, intents: [...intents], properties };
  if (presence) identify.presence = presence;
  return JSON.stringify({ op: GatewayOpcodes.IDENTIFY, data: identify });
}

export function resumeFrame(authorization: string, session: Session): string {
  return JSON.stringify({
    op: GatewayOpcodes.RESUME,
    data: { token: authorization, session_id: session.sessionId, seq: session.seq },
  });
}

/** Op 1 with the last seq (the server ignores the data, §1.8; null before any). */
export function heartbeatFrame(seq: number): string {
  return `{"op":1,"data":${seq > 0 ? seq : 'null'}}`;
}

export function voiceStateData(options: VoiceStateOptions): VoiceStateUpdateData {
  const data: VoiceStateUpdateData = {
    channel_id: options.channelId,
    self_mute: options.selfMute ?? false,
    self_deaf: options.selfDeaf ?? false,
    self_video: options.selfVideo ?? false,
    self_stream: options.selfStream ?? false,
  };
  if (options.spaceId) data.space_id = options.spaceId;
  return data;
}

export function requestMembersData(spaceId: string, query?: string, limit?: number): { space_id: string; query?: string; limit?: number } {
  const data: { space_id: string; query?: string; limit?: number } = { space_id: spaceId };
  if (query !== undefined) data.query = query;
  if (limit !== undefined) data.limit = limit;
  return data;
}

export function voiceSignalData(options: VoiceSignalOptions): { channel_id: string; target_user_id?: string; signal_type: string; payload: unknown } {
  const data: { channel_id: string; target_user_id?: string; signal_type: string; payload: unknown } = {
    channel_id: options.channelId,
    signal_type: options.signalType,
    payload: options.payload,
  };
  if (options.targetUserId !== undefined) data.target_user_id = options.targetUserId;
  return data;
}
