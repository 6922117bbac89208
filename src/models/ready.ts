import { Type, type Static } from '@sinclair/typebox';
import { arrayOf, bool, nullable, nullableStr, num, str } from './schema-helpers.js';
import { modelParser } from './model-parser.js';
import { UserSchema } from './user.js';
import { SpaceSchema } from './space.js';
import { ChannelSchema } from './channel.js';
import { MemberSchema } from './member.js';
import { RoleSchema } from './role.js';
import { VoiceStateSchema } from './voice.js';
import { PresenceSchema } from './presence.js';
import { RelationshipSchema } from './relationship.js';

export const UnreadChannelSchema = Type.Object({
  channel_id: str(),
  space_id: nullableStr(),
  last_read_message_id: nullableStr(),
  last_message_id: nullableStr(),
  mention_count: num(),
});
export type UnreadChannel = Static<typeof UnreadChannelSchema>;

/** READY data (docs/protocol.md §1.6). Roles carry no space_id; members no embedded user. */
export const ReadyDataSchema = Type.Object({
  session_id: str(),
  user_id: str(),
  user: nullable(UserSchema),
  spaces: arrayOf(SpaceSchema),
  channels: arrayOf(ChannelSchema),
  members: arrayOf(MemberSchema),
  roles: arrayOf(RoleSchema),
  users: arrayOf(UserSchema),
  voice_states: arrayOf(VoiceStateSchema),
  dm_channels: arrayOf(ChannelSchema),
  mutes: arrayOf(Type.Object({ channel_id: str() })),
  unread: arrayOf(UnreadChannelSchema),
  presences: arrayOf(PresenceSchema),
  relationships: arrayOf(RelationshipSchema),
  is_guest: bool(),
  api_version: str('v1'),
  server_version: str(),
  motd: nullableStr(),
});
export type ReadyData = Static<typeof ReadyDataSchema>;

/** `resumed` data: `seq` repeats the session's current seq (docs/protocol.md §1.9.4). */
export const ResumedDataSchema = Type.Object({
  session_id: str(),
  seq: num(),
  replayed: num(),
});
export type ResumedData = Static<typeof ResumedDataSchema>;

export const parseReadyData = modelParser(ReadyDataSchema, { requiredIds: ['session_id', 'user_id'] });
export const parseResumedData = modelParser(ResumedDataSchema, { requiredIds: ['session_id'] });
