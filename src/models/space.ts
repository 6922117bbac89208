import { Type, type Static } from '@sinclair/typebox';
import { bool, nullableStr, num, str } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

/** SpaceRow (docs/protocol.md §4.2): no roles, emojis or member counts travel with it. */
export const SpaceSchema = Type.Object({
  id: str(),
  name: str(),
  slug: str(),
  description: nullableStr(),
  icon: nullableStr(),
  banner: nullableStr(),
  splash: nullableStr(),
  owner_id: str(),
  verification_level: str('none'),
  default_notifications: str('all'),
  explicit_content_filter: str('disabled'),
  vanity_url_code: nullableStr(),
  preferred_locale: str('en-US'),
  afk_channel_id: nullableStr(),
  afk_timeout: num(300),
  system_channel_id: nullableStr(),
  rules_channel_id: nullableStr(),
  nsfw_level: str('default'),
  premium_tier: str('none'),
  public: bool(),
  allow_guest_access: bool(true),
  premium_subscription_count: num(),
  max_members: num(500000),
  created_at: str(),
});
export type Space = Static<typeof SpaceSchema>;

export const parseSpace = modelParser(SpaceSchema, { requiredIds: ['id'] });
