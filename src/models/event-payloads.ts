import { Type, type Static } from '@sinclair/typebox';
import { anyJson, arrayOf, nullableStr, num, str, strArray } from './schema-helpers.js';
import { ReactionEmojiSchema } from './message.js';
import { UserSchema } from './user.js';
import { MemberSchema } from './member.js';
import { ChannelSchema } from './channel.js';
import { RoleSchema } from './role.js';
import { EmojiSchema } from './emoji.js';
import { SoundSchema } from './sound.js';

/** Payloads of events that are not a bare model (docs/protocol.md §3, §7.7). */
export const MessageDeleteSchema = Type.Object({ id: str(), channel_id: str(), space_id: Type.Optional(nullableStr()) });
export type MessageDeleteData = Static<typeof MessageDeleteSchema>;

export const MessageDeleteBulkSchema = Type.Object({
  channel_id: str(),
  space_id: Type.Optional(nullableStr()),
  ids: strArray(),
});
export type MessageDeleteBulkData = Static<typeof MessageDeleteBulkSchema>;

/** Reaction events carry the emoji as a plain string; some clients send `{name}`. */
export const ReactionEventEmoji = Type.Union([Type.String(), ReactionEmojiSchema], { default: '' });
export const ReactionEventSchema = Type.Object({
  channel_id: str(),
  message_id: str(),
  user_id: str(),
  emoji: ReactionEventEmoji,
  space_id: Type.Optional(nullableStr()),
});
export type ReactionEventData = Static<typeof ReactionEventSchema>;

export const ReactionClearSchema = Type.Object({ channel_id: str(), message_id: str(), space_id: Type.Optional(nullableStr()) });
export type ReactionClearData = Static<typeof ReactionClearSchema>;

export const ReactionClearEmojiSchema = Type.Object({
  channel_id: str(),
  message_id: str(),
  emoji: ReactionEventEmoji,
  space_id: Type.Optional(nullableStr()),
});
export type ReactionClearEmojiData = Static<typeof ReactionClearEmojiSchema>;

export const TypingStartSchema = Type.Object({
  channel_id: str(),
  user_id: str(),
  timestamp: Type.Optional(Type.String()),
  thread_id: Type.Optional(Type.String()),
  space_id: Type.Optional(nullableStr()),
});
export type TypingStartData = Static<typeof TypingStartSchema>;

export const SpaceDeleteSchema = Type.Object({ id: str() });
export type SpaceDeleteData = Static<typeof SpaceDeleteSchema>;

export const ChannelDeleteSchema = Type.Object({ id: str(), space_id: Type.Optional(nullableStr()) });
export type ChannelDeleteData = Static<typeof ChannelDeleteSchema>;

export const ChannelReorderSchema = Type.Object({ space_id: str(), channels: arrayOf(ChannelSchema) });
export type ChannelReorderData = Static<typeof ChannelReorderSchema>;

export const ChannelPinsUpdateSchema = Type.Object({
  channel_id: str(),
  space_id: Type.Optional(nullableStr()),
  last_pin_timestamp: Type.Optional(nullableStr()),
});
export type ChannelPinsUpdateData = Static<typeof ChannelPinsUpdateSchema>;

export const ChannelMuteSchema = Type.Object({ channel_id: str() });
export type ChannelMuteData = Static<typeof ChannelMuteSchema>;

/** member.join: `{space_id, user, joined_at}` (not a Member); federated: `{space_id, user_id}`. */
export const MemberJoinSchema = Type.Object({
  space_id: str(),
  user: Type.Optional(UserSchema),
  user_id: Type.Optional(Type.String()),
  joined_at: Type.Optional(Type.String()),
});
export type MemberJoinData = Static<typeof MemberJoinSchema>;

/** member.leave: `{space_id, user_id}`; some senders use `{space_id, user: {id}}`. */
export const MemberLeaveSchema = Type.Object({
  space_id: str(),
  user_id: Type.Optional(Type.String()),
  user: Type.Optional(Type.Object({ id: str() })),
});
export type MemberLeaveData = Static<typeof MemberLeaveSchema>;

export const MemberChunkSchema = Type.Object({
  space_id: str(),
  members: arrayOf(MemberSchema),
  chunk_index: num(),
  chunk_count: num(1),
  not_found: Type.Optional(strArray()),
});
export type MemberChunkData = Static<typeof MemberChunkSchema>;

/** role.create/update, normalised from `{space_id, role}` or a bare role with space_id. */
export const RoleEventSchema = Type.Object({ space_id: str(), role: RoleSchema });
export type RoleEventData = Static<typeof RoleEventSchema>;

/** role.delete, normalised from `role_id` or `id`. */
export const RoleDeleteSchema = Type.Object({ space_id: str(), role_id: str() });
export type RoleDeleteData = Static<typeof RoleDeleteSchema>;

export const BanDeleteSchema = Type.Object({ space_id: str(), user_id: str() });
export type BanDeleteData = Static<typeof BanDeleteSchema>;

export const InviteDeleteSchema = Type.Object({
  code: str(),
  space_id: Type.Optional(nullableStr()),
  channel_id: Type.Optional(nullableStr()),
});
export type InviteDeleteData = Static<typeof InviteDeleteSchema>;

export const EmojiEventSchema = Type.Object({ space_id: str(), emoji: EmojiSchema });
export type EmojiEventData = Static<typeof EmojiEventSchema>;

export const EmojiDeleteSchema = Type.Object({ space_id: str(), emoji_id: str() });
export type EmojiDeleteData = Static<typeof EmojiDeleteSchema>;

export const SoundEventSchema = Type.Object({ space_id: str(), sound: SoundSchema });
export type SoundEventData = Static<typeof SoundEventSchema>;

export const SoundDeleteSchema = Type.Object({ space_id: str(), sound_id: str() });
export type SoundDeleteData = Static<typeof SoundDeleteSchema>;

export const SoundPlaySchema = Type.Object({
  space_id: str(),
  user_id: str(),
  sound: Type.Optional(SoundSchema),
  sound_id: Type.Optional(Type.String()),
});
export type SoundPlayData = Static<typeof SoundPlaySchema>;

export const VoiceSignalSchema = Type.Object({
  user_id: str(),
  channel_id: Type.Optional(nullableStr()),
  signal_type: str(),
  payload: anyJson(),
});
export type VoiceSignalEventData = Static<typeof VoiceSignalSchema>;

export const CallRingSchema = Type.Object({
  channel_id: str(),
  caller_id: str(),
  participants: strArray(),
  metadata: anyJson(),
});
export type CallRingData = Static<typeof CallRingSchema>;

export const CallEventSchema = Type.Object({ channel_id: str(), user_id: str() });
export type CallEventData = Static<typeof CallEventSchema>;

export const RelationshipRemoveSchema = Type.Object({ user_id: str() });
export type RelationshipRemoveData = Static<typeof RelationshipRemoveSchema>;

export const ReadStateUpdateSchema = Type.Object({
  channel_id: str(),
  last_read_message_id: nullableStr(),
  mention_count: num(),
});
export type ReadStateUpdateData = Static<typeof ReadStateUpdateSchema>;

export const AnonymousCountSchema = Type.Object({ count: num(), space_id: str() });
export type AnonymousCountData = Static<typeof AnonymousCountSchema>;

/** plugin.* payloads are passed through: an object that may name its space. */
export const PluginEventSchema = Type.Object({ space_id: Type.Optional(nullableStr()) });
export type PluginEventData = Static<typeof PluginEventSchema> & Record<string, unknown>;
