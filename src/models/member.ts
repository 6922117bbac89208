import { Type, type Static } from '@sinclair/typebox';
import { bool, nullableStr, str, strArray } from './schema-helpers.js';
import { modelParser } from './model-parser.js';
import { UserSchema } from './user.js';

/** Member (docs/protocol.md §4.4); `roles` never includes @everyone; `user` only when asked for. */
export const MemberSchema = Type.Object({
  user_id: str(),
  space_id: str(),
  nickname: nullableStr(),
  avatar: nullableStr(),
  roles: strArray(),
  joined_at: str(),
  premium_since: nullableStr(),
  deaf: bool(),
  mute: bool(),
  pending: bool(),
  timed_out_until: nullableStr(),
  permissions: Type.Union([Type.Null(), Type.Array(Type.String())], { default: null }),
  user: Type.Optional(UserSchema),
  /** Maintained by the store from presences; never on the wire. */
  status: Type.Optional(Type.String()),
});
export type Member = Static<typeof MemberSchema>;

export const parseMember = modelParser(MemberSchema, { requiredIds: ['user_id'] });
