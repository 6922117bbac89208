import { createHmac } from 'node:crypto';
import type { BusEvent, GatewayData, LiveState, VoiceStateRow } from '../contracts.js';
import { isRecord } from './inbound.js';
import { unsequencedDispatch } from './outbound.js';
import type { Session } from './session.js';

export interface VoiceContext {
  data: GatewayData;
  live: LiveState;
  publish(event: BusEvent): void;
  voiceUrl(): string;
  /** HMAC key for the stub voice tokens. */
  secret: Buffer;
  now(): number;
}

interface VoiceRequest {
  channelId: string | null;
  spaceId: string | null | undefined;
  selfMute: boolean;
  selfDeaf: boolean;
  selfVideo: boolean;
  selfStream: boolean;
}

const FLAG_KEYS = ['self_mute', 'self_deaf', 'self_video', 'self_stream'] as const;

function parseVoiceRequest(data: unknown): VoiceRequest | null {
  if (!isRecord(data)) return null;
  const channelId = data.channel_id;
  const spaceId = data.space_id;
  if (channelId !== undefined && channelId !== null && typeof channelId !== 'string') return null;
  if (spaceId !== undefined && spaceId !== null && typeof spaceId !== 'string') return null;
  for (const key of FLAG_KEYS) {
    const flag = data[key];
    if (flag !== undefined && flag !== null && typeof flag !== 'boolean') return null;
  }
  return {
    channelId: channelId ?? null,
    spaceId: spaceId as string | null | undefined,
    selfMute: data.self_mute === true,
    selfDeaf: data.self_deaf === true,
    selfVideo: data.self_video === true,
    selfStream: data.self_stream === true,
  };
}

export function isDmChannelType(type: string): boolean {
  return type === 'dm' || type === 'group_dm';
}

/** Op 9 (docs/protocol.md §1.16). Every failed check is silently ignored; returns what happened. */
export function handleVoiceStateUpdate(ctx: VoiceContext, session: Session, raw: unknown): 'ignored' | 'joined' | 'updated' | 'left' | 'none' {
  const request = parseVoiceRequest(raw);
  if (request === null) return 'ignored';
  if (request.channelId === null) return leaveVoice(ctx, session.userId, session.id) ? 'left' : 'none';

  const channel = ctx.data.channel(request.channelId);
  if (!channel) return 'ignored';
  const isDm = isDmChannelType(channel.type);
  const scope = isDm ? null : channel.space_id;
  if (!isDm && (scope === null || !session.spaceIds.has(scope))) return 'ignored';
  if (request.spaceId !== undefined && request.spaceId !== null && request.spaceId !== scope) return 'ignored';
  const allowed = isDm
    ? ctx.data.dmParticipants(channel.id).includes(session.userId)
    : ctx.data.hasChannelPermission(session.userId, channel.id, 'connect');
  if (!allowed) return 'ignored';

  const current = ctx.live.voiceStates.get(session.userId);
  if (current && current.channel_id === channel.id) {
    current.self_mute = request.selfMute;
    current.self_deaf = request.selfDeaf;
    current.self_video = request.selfVideo;
    current.self_stream = request.selfStream;
    publishVoiceState(ctx, { ...current }, channel.id);
    return 'updated';
  }

  if (!isDm && (channel.type !== 'voice' || (scope !== null && ctx.data.isTimedOut(session.userId, scope)))) return 'ignored';
  const state: VoiceStateRow = {
    user_id: session.userId,
    space_id: scope,
    channel_id: channel.id,
    session_id: session.id,
    deaf: false,
    mute: false,
    self_deaf: request.selfDeaf,
    self_mute: request.selfMute,
    self_stream: request.selfStream,
    self_video: request.selfVideo,
    suppress: false,
  };
  ctx.live.voiceStates.set(session.userId, state);
  publishVoiceState(ctx, { ...state }, channel.id);
  session.sink?.sendText(
    unsequencedDispatch('voice.server_update', {
      space_id: scope,
      channel_id: channel.id,
      backend: 'livekit',
      url: ctx.voiceUrl(),
      token: voiceToken(ctx, session.userId, channel.id),
    }),
  );
  return 'joined';
}

/**
 * Removes the user's voice state and announces the leave (op 9 leave, §1.19 session end).
 * With `onlyForSession`, only a state joined by that gateway session is removed.
 */
export function leaveVoice(ctx: VoiceContext, userId: string, sessionId: string, onlyForSession = false): boolean {
  const current = ctx.live.voiceStates.get(userId);
  if (!current || current.channel_id === null) return false;
  if (onlyForSession && current.session_id !== sessionId) return false;
  ctx.live.voiceStates.delete(userId);
  const channelId = current.channel_id;
  publishVoiceState(
    ctx,
    {
      user_id: userId,
      space_id: current.space_id,
      channel_id: null,
      session_id: sessionId,
      deaf: false,
      mute: false,
      self_deaf: false,
      self_mute: false,
      self_stream: false,
      self_video: false,
      suppress: false,
    },
    channelId,
  );
  if (current.space_id === null && !someoneInChannel(ctx.live, channelId)) {
    const participants = ctx.data.dmParticipants(channelId);
    if (participants.length > 0) {
      ctx.publish({ type: 'call.end', data: { channel_id: channelId, user_id: userId }, targetUserIds: participants });
    }
  }
  return true;
}

/** Space channels: space-routed; DM calls: the DM participants. */
function publishVoiceState(ctx: VoiceContext, state: VoiceStateRow, channelId: string): void {
  if (state.space_id !== null) {
    ctx.publish({ type: 'voice.state_update', data: state, spaceId: state.space_id });
  } else {
    ctx.publish({ type: 'voice.state_update', data: state, targetUserIds: ctx.data.dmParticipants(channelId) });
  }
}

function someoneInChannel(live: LiveState, channelId: string): boolean {
  for (const state of live.voiceStates.values()) if (state.channel_id === channelId) return true;
  return false;
}

/** A JWT-shaped, HMAC-signed stand-in for a LiveKit token (no media server runs). */
function voiceToken(ctx: VoiceContext, userId: string, channelId: string): string {
  const nowSeconds = Math.floor(ctx.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      sub: userId,
      name: ctx.data.displayName(userId),
      video: { room: `channel_${channelId}`, roomJoin: true },
      iat: nowSeconds,
      exp: nowSeconds + 6 * 3600,
    }),
  );
  const signature = createHmac('sha256', ctx.secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
