import { Type, type Static } from '@sinclair/typebox';
import { arrayOf, bool, nullableNum, nullableStr, num, str, strArray } from './schema-helpers.js';
import { modelParser } from './model-parser.js';
import { UserSchema } from './user.js';

export const PermissionOverwriteSchema = Type.Object({
  id: str(),
  type: Type.Union([Type.Literal('role'), Type.Literal('member')], { default: 'role' }),
  allow: strArray(),
  deny: strArray(),
});
export type PermissionOverwrite = Static<typeof PermissionOverwriteSchema>;

/** Channel (docs/protocol.md §4.3); `recipients` only on dm/group_dm channels. */
export const ChannelSchema = Type.Object({
  id: str(),
  type: str('text'),
  space_id: nullableStr(),
  name: nullableStr(),
  topic: nullableStr(),
  position: num(),
  parent_id: nullableStr(),
  nsfw: bool(),
  rate_limit: num(),
  bitrate: nullableNum(),
  user_limit: nullableNum(),
  owner_id: nullableStr(),
  last_message_id: nullableStr(),
  permission_overwrites: arrayOf(PermissionOverwriteSchema),
  archived: bool(),
  auto_archive_after: nullableNum(),
  allow_anonymous_read: bool(),
  created_at: str(),
  recipients: Type.Optional(arrayOf(UserSchema)),
  /** Maintained by the store (number of users in a voice channel); never on the wire. */
  voice_users: Type.Optional(Type.Number()),
});
export type Channel = Static<typeof ChannelSchema>;

export const parseChannel = modelParser(ChannelSchema, { requiredIds: ['id'] });

export function isDmChannelType(type: string): boolean {
  return type === 'dm' || type === 'group_dm';
}
