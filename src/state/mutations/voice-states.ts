import type { VoiceServerUpdate, VoiceState } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';

export interface VoiceMove {
  /** The channel the user was in before (null when not in voice). */
  from: string | null;
  /** The channel the user is in now (null on a leave). */
  to: string | null;
}

function setVoiceUsers(cache: ConnectionCache, channelId: string): void {
  const channel = cache.channel(channelId);
  if (channel) channel.voice_users = cache.voiceByChannel.get(channelId)?.size ?? 0;
}

/**
 * Applies one voice state, keyed by user (a leave's session_id can differ from the join's,
 * docs/protocol.md §7.7): the user leaves any previous channel and joins the new one if it is set.
 * Keeps `voice_users` on the affected channels.
 */
export function applyVoiceState(cache: ConnectionCache, state: VoiceState): VoiceMove {
  const previous = cache.voiceByUser.get(state.user_id);
  const from = previous?.channel_id ?? null;
  const to = state.channel_id;
  if (from !== null) {
    const inChannel = cache.voiceByChannel.get(from);
    inChannel?.delete(state.user_id);
    if (inChannel && inChannel.size === 0) cache.voiceByChannel.delete(from);
  }
  if (to !== null) {
    let inChannel = cache.voiceByChannel.get(to);
    if (!inChannel) {
      inChannel = new Map();
      cache.voiceByChannel.set(to, inChannel);
    }
    inChannel.set(state.user_id, state);
    cache.voiceByUser.set(state.user_id, state);
  } else {
    cache.voiceByUser.delete(state.user_id);
  }
  if (from !== null) setVoiceUsers(cache, from);
  if (to !== null && to !== from) setVoiceUsers(cache, to);
  return { from, to };
}

export function setVoiceServer(cache: ConnectionCache, info: VoiceServerUpdate): void {
  cache.voiceServer = info;
}

export function clearVoiceServer(cache: ConnectionCache): void {
  cache.voiceServer = null;
}
