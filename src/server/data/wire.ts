/** Wire shapes the embedded server produces (docs/protocol.md §4), as the server side types them. */

export interface PublicUser {
  id: string;
  username: string;
  display_name: string | null;
  avatar: string | null;
  banner: string | null;
  accent_color: number | null;
  bio: string | null;
  bot: boolean;
  system: boolean;
  public_flags: number;
  created_at: string;
}

export interface User extends PublicUser {
  is_admin: boolean;
  mfa_enabled: boolean;
  disabled: boolean;
  flags: number;
}

export interface SpaceRow {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  icon: string | null;
  banner: string | null;
  splash: string | null;
  owner_id: string;
  verification_level: string;
  default_notifications: string;
  explicit_content_filter: string;
  vanity_url_code: string | null;
  preferred_locale: string;
  afk_channel_id: string | null;
  afk_timeout: number;
  system_channel_id: string | null;
  rules_channel_id: string | null;
  nsfw_level: string;
  premium_tier: string;
  public: boolean;
  allow_guest_access: boolean;
  premium_subscription_count: number;
  max_members: number;
  created_at: string;
}

export interface PermissionOverwrite {
  id: string;
  type: 'role' | 'member';
  allow: string[];
  deny: string[];
}

export interface Channel {
  id: string;
  type: string;
  space_id: string | null;
  name: string | null;
  topic: string | null;
  position: number;
  parent_id: string | null;
  nsfw: boolean;
  rate_limit: number;
  bitrate: number | null;
  user_limit: number | null;
  owner_id: string | null;
  last_message_id: string | null;
  permission_overwrites: PermissionOverwrite[];
  archived: boolean;
  auto_archive_after: number | null;
  allow_anonymous_read: boolean;
  created_at: string;
  recipients?: User[];
}

export interface Member {
  user_id: string;
  space_id: string;
  nickname: string | null;
  avatar: string | null;
  roles: string[];
  joined_at: string;
  premium_since: string | null;
  deaf: boolean;
  mute: boolean;
  pending: boolean;
  timed_out_until: string | null;
  permissions: null;
  user?: PublicUser;
}

export interface Role {
  id: string;
  name: string;
  color: number;
  hoist: boolean;
  icon: string | null;
  position: number;
  permissions: string[];
  managed: boolean;
  mentionable: boolean;
}

export interface Reaction {
  emoji: { id: null; name: string };
  count: number;
  me: boolean;
}

export interface Message {
  id: string;
  channel_id: string;
  space_id: string | null;
  author_id: string;
  content: string;
  type: string;
  timestamp: string;
  edited_at: string | null;
  tts: boolean;
  pinned: boolean;
  mention_everyone: boolean;
  mentions: string[];
  mention_roles: string[];
  attachments: unknown[];
  embeds: unknown[];
  reactions: Reaction[] | null;
  reply_to: string | null;
  flags: number;
  webhook_id: string | null;
  thread_id: string | null;
  reply_count: number;
  title: string | null;
}

export interface Emoji {
  id: string;
  name: string;
  animated: boolean;
  managed: boolean;
  available: boolean;
  require_colons: boolean;
  role_ids: string[];
  creator_id: string | null;
  image_url?: string;
}

export interface Sound {
  id: string;
  name: string;
  audio_url: string | null;
  volume: number;
  creator_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface Invite {
  code: string;
  space_id: string;
  channel_id: string | null;
  inviter_id: string | null;
  max_uses: number | null;
  uses: number;
  max_age: number | null;
  temporary: boolean;
  created_at: string;
  expires_at: string | null;
}

export interface Ban {
  user_id: string;
  space_id: string;
  reason: string | null;
  banned_by: string | null;
  created_at: string;
}

export interface ChannelMute {
  user_id: string;
  channel_id: string;
  created_at: string;
}

export interface UnreadChannel {
  channel_id: string;
  space_id: string | null;
  last_read_message_id: string | null;
  last_message_id: string | null;
  mention_count: number;
}

export interface RelationshipEntry {
  id: string;
  user: { id: string; username: string; display_name: string; avatar: string | null };
  type: 1 | 2 | 3 | 4;
  since: string;
}

export type { Application } from '../../protocol/application.js';
