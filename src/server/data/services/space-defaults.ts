/** What a new space starts with (docs/protocol.md §4.2, §4.5). */

export const EVERYONE_PERMISSIONS = [
  'view_channel',
  'send_messages',
  'read_history',
  'add_reactions',
  'embed_links',
  'attach_files',
  'use_external_emojis',
  'create_invites',
  'connect',
  'speak',
  'stream',
  'use_vad',
  'change_nickname',
  'use_soundboard',
  'use_commands',
  'create_threads',
  'send_in_threads',
];

export const MODERATOR_PERMISSIONS = [
  'kick_members',
  'manage_messages',
  'mute_members',
  'deafen_members',
  'move_members',
  'moderate_members',
  'manage_nicknames',
  'view_audit_log',
  'mention_everyone',
];

export const DEFAULT_ROLES = [
  { name: '@everyone', position: 0, color: 0, hoist: false, permissions: EVERYONE_PERMISSIONS },
  { name: 'Moderator', position: 1, color: 3447003, hoist: true, permissions: MODERATOR_PERMISSIONS },
  { name: 'Admin', position: 2, color: 15158332, hoist: true, permissions: ['administrator'] },
] as const;

export const SPACE_DEFAULTS = {
  icon: null,
  banner: null,
  splash: null,
  verification_level: 'none',
  default_notifications: 'all',
  explicit_content_filter: 'disabled',
  vanity_url_code: null,
  preferred_locale: 'en-US',
  afk_channel_id: null,
  afk_timeout: 300,
  rules_channel_id: null,
  nsfw_level: 'default',
  premium_tier: 'none',
  premium_subscription_count: 0,
  max_members: 500000,
} as const;

export const CHANNEL_DEFAULTS = {
  topic: null,
  position: 0,
  parent_id: null,
  nsfw: false,
  rate_limit: 0,
  bitrate: null,
  user_limit: null,
  owner_id: null,
  last_message_id: null,
  archived: false,
  auto_archive_after: null,
  allow_anonymous_read: false,
} as const;
