import { Type, type Static } from '@sinclair/typebox';
import { bool, nullableNum, nullableStr, num, str } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

/**
 * User (docs/protocol.md §4.1). The private fields (is_admin, mfa_enabled, disabled, flags) are
 * optional because `user.update` and other users' profiles carry the public form only; a merge
 * must not overwrite them with defaults.
 */
export const UserSchema = Type.Object({
  id: str(),
  username: str(),
  display_name: nullableStr(),
  avatar: nullableStr(),
  banner: Type.Optional(nullableStr()),
  accent_color: Type.Optional(nullableNum()),
  bio: Type.Optional(nullableStr()),
  bot: bool(),
  system: bool(),
  is_admin: Type.Optional(bool()),
  mfa_enabled: Type.Optional(bool()),
  disabled: Type.Optional(bool()),
  flags: Type.Optional(num()),
  public_flags: Type.Optional(num()),
  created_at: Type.Optional(str()),
  origin: Type.Optional(Type.String()),
  is_guest: Type.Optional(Type.Boolean()),
});
export type User = Static<typeof UserSchema>;
export type PublicUser = Omit<User, 'is_admin' | 'mfa_enabled' | 'disabled' | 'flags'>;

export const parseUser = modelParser(UserSchema, { requiredIds: ['id'] });
