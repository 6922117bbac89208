import type { VoiceState } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { applyVoiceState } from '../mutations/voice-states.js';
import { attempt, stale } from './attempt.js';

/**
 * Sets a voice channel's occupants from GET voice-status. A user whose voice state an event set
 * meanwhile keeps it (the event may be newer than the answer).
 */
export function loadVoiceStates(ctx: StateContext, conn: ServerConnection, channelId: string): Promise<void> {
  const generation = conn.generation;
  const touches = conn.inFlight.voiceTouches;
  const touched = touches.begin();
  return attempt(ctx, `loading voice states of ${channelId}`, async () => {
    let states: VoiceState[];
    try {
      states = await conn.client.rest.listVoiceStates(channelId);
    } finally {
      touches.end(touched);
    }
    if (stale(conn, generation) || !conn.cache.channels.has(channelId)) return;
    const cache = conn.cache;
    const present = new Set<string>();
    let changed = false;
    for (const state of states) {
      if (state.channel_id !== channelId) continue;
      present.add(state.user_id);
      if (touched.has(state.user_id)) continue;
      const move = applyVoiceState(cache, state);
      if (move.from !== null && move.from !== channelId) ctx.emit('voiceStateUpdated', move.from);
      changed = true;
    }
    for (const [userId, state] of cache.voiceByChannel.get(channelId) ?? []) {
      if (present.has(userId) || touched.has(userId)) continue;
      applyVoiceState(cache, { ...state, channel_id: null });
      changed = true;
    }
    if (changed) ctx.emit('voiceStateUpdated', channelId);
  });
}
