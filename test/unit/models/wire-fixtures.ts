/** Full wire objects exactly as docs/protocol.md §4 lists them (every key present). */
import { messageJson, privateUserJson } from '../../../fixtures/wire.js';

export const privateUser = privateUserJson({ avatar: '/cdn/avatars/100.png', accent_color: 3447003 });

export const publicUser = {
  id: '101',
  username: 'bob',
  display_name: null,
  avatar: null,
  banner: null,
  accent_color: null,
  bio: 'hi',
  bot: false,
  system: false,
  public_flags: 0,
  created_at: '2024-05-01 12:00:00',
};

export const space = {
  id: '200',
  name: 'Home',
  slug: 'home',
  description: null,
  icon: '/cdn/icons/200.png',
  banner: null,
  splash: null,
  owner_id: '100',
  verification_level: 'none',
  default_notifications: 'all',
  explicit_content_filter: 'disabled',
  vanity_url_code: null,
  preferred_locale: 'en-US',
  afk_channel_id: null,
  afk_timeout: 300,
  system_channel_id: '300',
  rules_channel_id: null,
  nsfw_level: 'default',
  premium_tier: 'none',
  public: true,
  allow_guest_access: true,
  premium_subscription_count: 0,
  max_members: 500000,
  created_at: '2024-05-01 12:00:00',
};

export const textChannel = {
  id: '300',
  type: 'text',
  space_id: '200',
  name: 'general',
  topic: null,
  position: 0,
  parent_id: null,
  nsfw: false,
  rate_limit: 0,
  bitrate: null,
  user_limit: null,
  owner_id: null,
  last_message_id: '500',
  permission_overwrites: [{ id: '400', type: 'role', allow: ['send_messages'], deny: ['add_reactions'] }],
  archived: false,
  auto_archive_after: null,
  allow_anonymous_read: false,
  created_at: '2024-05-01 12:00:00',
};

export const dmChannel = {
  ...textChannel,
  id: '301',
  type: 'dm',
  space_id: null,
  name: '',
  permission_overwrites: [],
  owner_id: '100',
  recipients: [privateUser, { ...privateUser, id: '101', username: 'bob', is_admin: false }],
};

export const member = {
  user_id: '100',
  space_id: '200',
  nickname: null,
  avatar: null,
  roles: ['401'],
  joined_at: '2024-05-01 12:00:00',
  premium_since: null,
  deaf: false,
  mute: false,
  pending: false,
  timed_out_until: '2024-05-02T12:00:00+00:00',
  permissions: null,
};

export const everyoneRole = {
  id: '400',
  name: '@everyone',
  color: 0,
  hoist: false,
  icon: null,
  position: 0,
  permissions: ['view_channel', 'send_messages'],
  managed: false,
  mentionable: false,
};

export const attachment = {
  id: '600',
  filename: 'cat.png',
  description: null,
  content_type: 'image/png',
  size: 1234,
  url: '/cdn/attachments/300/600/cat.png',
  width: 64,
  height: 48,
};

export const embed = {
  title: 'Example',
  type: 'link',
  description: 'An example page',
  url: 'https://example.com',
  timestamp: null,
  color: null,
  footer: { text: 'foot', icon_url: null },
  image: { url: 'https://example.com/i.png', width: null, height: null },
  thumbnail: null,
  author: { name: 'Ex', url: null, icon_url: null },
  fields: [{ name: 'a', value: 'b', inline: true }],
};

export const message = messageJson({
  content: 'hello @bob',
  mentions: ['101'],
  attachments: [attachment],
  embeds: [embed],
  reactions: [{ emoji: { id: null, name: '👍' }, count: 2, me: true }],
});

export const emoji = {
  id: '700',
  name: 'party_blob',
  animated: false,
  managed: false,
  available: true,
  require_colons: true,
  role_ids: [],
  creator_id: '100',
  image_url: '/cdn/emojis/200/700.png',
};

export const sound = {
  id: '800',
  name: 'airhorn',
  audio_url: '/cdn/sounds/200/800.ogg',
  volume: 0.8,
  creator_id: '100',
  created_at: '2024-05-01 12:00:00',
  updated_at: '2024-05-01 12:00:00',
};

export const readyPresence = {
  user_id: '100',
  status: 'invisible',
  client_status: { desktop: 'invisible', mobile: null, web: null },
  activities: [],
  space_id: null,
};

export const voiceState = {
  user_id: '100',
  space_id: '200',
  channel_id: '302',
  session_id: '900',
  deaf: false,
  mute: false,
  self_deaf: false,
  self_mute: true,
  self_stream: false,
  self_video: false,
  suppress: false,
};

export const relationship = {
  id: '101',
  user: { id: '101', username: 'bob', display_name: 'bob', avatar: null },
  type: 1,
  since: '2024-05-01 12:00:00',
};

export const unread = {
  channel_id: '300',
  space_id: '200',
  last_read_message_id: null,
  last_message_id: '500',
  mention_count: 1,
};

export const invite = {
  code: 'AbCd1234',
  space_id: '200',
  channel_id: null,
  inviter_id: '100',
  max_uses: null,
  uses: 0,
  max_age: 86400,
  temporary: false,
  created_at: '2024-05-01 12:00:00',
  expires_at: '2024-05-02 12:00:00',
};

export const ban = { user_id: '101', space_id: '200', reason: null, banned_by: '100', created_at: '2024-05-01 12:00:00' };

export const report = {
  id: '1000',
  space_id: '200',
  reporter_id: '100',
  target_type: 'message',
  target_id: '500',
  channel_id: '300',
  category: 'spam',
  description: null,
  status: 'pending',
  actioned_by: null,
  action_taken: null,
  created_at: '2024-05-01 12:00:00',
  resolved_at: null,
};

export const auditLogEntry = {
  id: '1100',
  space_id: '200',
  user_id: '101',
  action_type: 'invite_accept',
  target_id: '100',
  target_type: 'invite',
  reason: null,
  changes: { invite_code: 'AbCd1234', inviter_id: '100' },
  created_at: '2024-05-01 12:00:00',
};

export const interaction = {
  id: '1200',
  application_id: '1300',
  type: 2,
  data: { id: 'cmd', name: 'ping', options: [] },
  space_id: '200',
  channel_id: '300',
  member_id: null,
  user_id: '100',
  token: 'interaction-token',
  message: null,
  locale: 'en-US',
};

export const ready = {
  session_id: '900',
  user_id: '100',
  user: privateUser,
  spaces: [space],
  channels: [textChannel],
  members: [member],
  roles: [everyoneRole],
  users: [privateUser],
  voice_states: [voiceState],
  dm_channels: [dmChannel],
  mutes: [{ channel_id: '300' }],
  unread: [unread],
  presences: [readyPresence],
  relationships: [relationship],
  is_guest: false,
  api_version: 'v1',
  server_version: '0.1.32',
  motd: 'welcome',
};
