import { Type, type Static } from '@sinclair/typebox';
import { bool, nullableStr, str } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

/** VoiceState (docs/protocol.md §4.10). A leave has `channel_id: null`. Keyed by user, not session. */
export const VoiceStateSchema = Type.Object({
  user_id: str(),
  space_id: nullableStr(),
  channel_id: nullableStr(),
  session_id: str(),
  deaf: bool(),
  mute: bool(),
  self_deaf: bool(),
  self_mute: bool(),
  self_stream: bool(),
  self_video: bool(),
  suppress: bool(),
});
export type VoiceState = Static<typeof VoiceStateSchema>;

export const VoiceServerUpdateSchema = Type.Object({
  space_id: nullableStr(),
  channel_id: str(),
  backend: str('livekit'),
  url: Type.Optional(Type.String()),
  token: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
});
export type VoiceServerUpdate = Static<typeof VoiceServerUpdateSchema>;

export const parseVoiceState = modelParser(VoiceStateSchema, { requiredIds: ['user_id'] });
export const parseVoiceServerUpdate = modelParser(VoiceServerUpdateSchema, { requiredIds: ['channel_id'] });
