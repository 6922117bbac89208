import { parseVoiceState, type VoiceState } from '../../models/voice.js';
import type * as B from '../bodies.js';
import { decodeOne, expectRecord } from '../decode.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

export const voiceEndpoints = endpoints({
  /** `POST /channels/{id}/voice/join` (the body is required, `{}` is fine). */
  async joinVoice(channelId: string, body: B.VoiceJoinBody = {}): Promise<B.VoiceJoinResult> {
    const { data, ctx } = await this[REST_CALLER].call('POST', { path: `/channels/${seg(channelId)}/voice/join`, body });
    const record = expectRecord(data, 'voice join', ctx);
    return {
      voice_state: decodeOne(parseVoiceState, record['voice_state'], 'voice state', ctx),
      backend: typeof record['backend'] === 'string' ? record['backend'] : 'livekit',
      livekit_url: typeof record['livekit_url'] === 'string' ? record['livekit_url'] : null,
      token: typeof record['token'] === 'string' ? record['token'] : null,
    };
  },

  async leaveVoice(channelId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/channels/${seg(channelId)}/voice/leave` });
  },

  /** `GET /channels/{id}/voice-status`: who is in the voice channel now. */
  listVoiceStates(channelId: string): Promise<VoiceState[]> {
    return this[REST_CALLER].list(parseVoiceState, 'voice state', 'GET', { path: `/channels/${seg(channelId)}/voice-status` });
  },

  /** Un-enveloped `{backend}`: `livekit` or `none`. */
  async getVoiceInfo(): Promise<string> {
    const { data, ctx } = await this[REST_CALLER].call('GET', { path: '/voice/info', enveloped: false });
    const backend = expectRecord(data, 'voice info', ctx)['backend'];
    return typeof backend === 'string' ? backend : 'none';
  },
});

export type VoiceEndpoints = typeof voiceEndpoints;
