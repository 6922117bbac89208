import type { VoiceServerUpdate, VoiceSignalEventData, VoiceState } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { applyVoiceState, clearVoiceServer, setVoiceServer } from '../mutations/voice-states.js';
import type { HandlerTable } from './table.js';

/**
 * Moves the user between channels (a leave has `channel_id: null`), keeps `voice_users`, and
 * signals both the old and the new channel. When my own state leaves a channel I did not ask to
 * leave, the server removed me: voiceLeft(channelId, false).
 */
function onVoiceStateUpdate(ctx: StateContext, conn: ServerConnection, state: VoiceState): void {
  const cache = conn.cache;
  const known =
    cache.voiceByUser.has(state.user_id) ||
    (state.channel_id !== null && cache.isKnownChannel(state.channel_id)) ||
    (state.space_id !== null && cache.spaces.has(state.space_id));
  if (!known) return;
  conn.inFlight.voiceTouches.touch(state.user_id);
  const { from, to } = applyVoiceState(cache, state);
  if (from !== null && from !== to) ctx.emit('voiceStateUpdated', from);
  if (to !== null) ctx.emit('voiceStateUpdated', to);
  // The voice server's credentials were for the channel I left.
  if (state.user_id === conn.userId && to === null) clearVoiceServer(cache);
  if (state.user_id === conn.userId && from !== null && to === null) {
    const byUser = conn.leavingVoiceChannel === from;
    conn.leavingVoiceChannel = null;
    ctx.emit('voiceLeft', from, byUser);
  }
}

function onVoiceServerUpdate(_ctx: StateContext, conn: ServerConnection, info: VoiceServerUpdate): void {
  setVoiceServer(conn.cache, info);
}

function onVoiceSignal(ctx: StateContext, conn: ServerConnection, signal: VoiceSignalEventData): void {
  ctx.forwardVoiceSignal(signal, conn);
}

export const voiceHandlers: HandlerTable = {
  'voice.state_update': onVoiceStateUpdate,
  'voice.server_update': onVoiceServerUpdate,
  'voice.signal': onVoiceSignal,
};
