import { createHmac, randomBytes } from 'node:crypto';
import type { VoiceStateRow } from '../../contracts.js';
import { badRequest } from '../errors.js';
import { isDmChannel, participantIds } from '../serialize.js';
import type { ChannelRecord } from '../records.js';
import { requireChannelAccess, requireChannelPermission, requireNotTimedOut } from './access.js';
import type { ServiceContext } from './context.js';
import { publishForChannel, publishToUsers } from './context.js';
import type { Body } from './validate.js';
import { optBool } from './validate.js';

/** Voice over REST (docs/protocol.md §5.4 Voice): the same live state the gateway's op 9 uses. */

const SECRET = randomBytes(32);

const publishState = (ctx: ServiceContext, state: VoiceStateRow, channel: ChannelRecord): void =>
  publishForChannel(ctx, 'voice.state_update', state, channel);

/** A JWT-shaped, HMAC-signed stand-in for a LiveKit token: no media server runs. */
function voiceToken(ctx: ServiceContext, userId: string, channelId: string): string {
  const now = Math.floor(ctx.data.clock.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
    sub: userId,
    name: ctx.data.displayName(userId),
    video: { room: `channel_${channelId}`, roomJoin: true },
    iat: now,
    exp: now + 6 * 3600,
  })}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

export interface VoiceJoin {
  voice_state: VoiceStateRow;
  backend: 'livekit';
  livekit_url: string;
  token: string;
}

export function joinVoice(ctx: ServiceContext, userId: string, channelId: string, body: Body): VoiceJoin {
  const channel = requireChannelPermission(ctx, channelId, userId, 'connect');
  if (!isDmChannel(channel)) {
    if (channel.type !== 'voice') throw badRequest('channel_not_voice');
    requireNotTimedOut(ctx, channel, userId);
  }
  const state: VoiceStateRow = {
    user_id: userId,
    space_id: channel.space_id,
    channel_id: channel.id,
    session_id: ctx.data.nextId(),
    deaf: false,
    mute: false,
    self_deaf: optBool(body, 'self_deaf') ?? false,
    self_mute: optBool(body, 'self_mute') ?? false,
    self_stream: false,
    self_video: false,
    suppress: false,
  };
  ctx.gateway.live.voiceStates.set(userId, state);
  publishState(ctx, state, channel);
  const base = ctx.voiceUrl?.() ?? 'ws://127.0.0.1/voice-stub';
  return { voice_state: state, backend: 'livekit', livekit_url: base, token: voiceToken(ctx, userId, channel.id) };
}

/** Leave: `voice.state_update` with `channel_id: null`, then `call.end` when a DM call empties. */
export function leaveVoice(ctx: ServiceContext, userId: string, channelId: string): { ok: true } {
  const channel = requireChannelPermission(ctx, channelId, userId, 'connect');
  const { voiceStates } = ctx.gateway.live;
  const current = voiceStates.get(userId);
  if (current?.channel_id !== channel.id) return { ok: true };
  voiceStates.delete(userId);
  publishState(ctx, { ...current, channel_id: null, deaf: false, mute: false, self_deaf: false, self_mute: false, self_stream: false, self_video: false, suppress: false }, channel);
  if (isDmChannel(channel) && ![...voiceStates.values()].some((s) => s.channel_id === channel.id)) {
    publishToUsers(ctx, 'call.end', { channel_id: channel.id, user_id: userId }, participantIds(ctx.data.tables, channel.id));
  }
  return { ok: true };
}

export function voiceStatus(ctx: ServiceContext, userId: string, channelId: string): VoiceStateRow[] {
  const channel = requireChannelAccess(ctx, channelId, userId);
  return [...ctx.gateway.live.voiceStates.values()].filter((s) => s.channel_id === channel.id);
}
