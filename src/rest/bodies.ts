/** Request bodies and non-model responses of docs/protocol.md §5.4, with the wire's field names. */
import type { User } from '../models/user.js';
import type { VoiceState } from '../models/voice.js';
import type { Application } from '../protocol/application.js';

export interface RegisterBody {
  username: string;
  password: string;
  display_name?: string;
}

export interface LoginBody {
  username: string;
  password: string;
}

export interface MfaLoginBody {
  ticket: string;
  code: string;
}

export interface AuthResult {
  user: User;
  token: string;
  force_password_reset?: boolean;
}

export interface GuestToken {
  token: string;
  expires_at: string;
  space_id: string;
}

export type { Application };

export interface CreateApplicationResult {
  application: Application;
  /** A bot token: use it with `tokenType: 'Bot'`. */
  token: string;
}

export interface UpdateCurrentUserBody {
  username?: string;
  display_name?: string;
  avatar?: string;
  banner?: string;
  accent_color?: number | null;
  bio?: string;
}

export type CreateDmBody = { recipient_id: string } | { recipients: string[] };

export interface CreateSpaceBody {
  name: string;
  slug?: string;
  description?: string;
  public?: boolean;
  allow_guest_access?: boolean;
}

export interface UpdateSpaceBody {
  name?: string;
  slug?: string;
  description?: string | null;
  icon?: string;
  banner?: string;
  verification_level?: string;
  default_notifications?: string;
  afk_channel_id?: string | null;
  afk_timeout?: number;
  system_channel_id?: string | null;
  rules_channel_id?: string | null;
  preferred_locale?: string;
  public?: boolean;
  allow_guest_access?: boolean;
}

export interface CreateChannelBody {
  name: string;
  type?: string;
  topic?: string;
  parent_id?: string | null;
  nsfw?: boolean;
  bitrate?: number;
  user_limit?: number;
  rate_limit?: number;
  position?: number;
  allow_anonymous_read?: boolean;
}

export interface UpdateChannelBody {
  name?: string;
  type?: string;
  topic?: string | null;
  position?: number;
  parent_id?: string | null;
  nsfw?: boolean;
  rate_limit?: number;
  bitrate?: number;
  user_limit?: number;
  archived?: boolean;
  allow_anonymous_read?: boolean;
}

export interface PositionUpdate {
  id: string;
  position: number;
}

export interface ListMembersOptions {
  /** Embed `user: PublicUser` in each member. */
  withUser?: boolean;
  /** Page size, 1–1000 (default 1000: fewest round trips). */
  pageSize?: number;
}

export interface UpdateMemberBody {
  nickname?: string | null;
  avatar?: string;
  roles?: string[];
  mute?: boolean;
  deaf?: boolean;
  timed_out_until?: string | null;
}

export interface RoleBody {
  name?: string;
  color?: number;
  hoist?: boolean;
  icon?: string | null;
  position?: number;
  permissions?: string[];
  mentionable?: boolean;
}

export interface ListMessagesOptions {
  /** Only messages with id > after, oldest first. Without it: the newest page, newest first. */
  after?: string;
  limit?: number;
  thread_id?: string;
}

/** `GET /spaces/{id}/messages/search`: at least one of the filters (cursor and limit are not filters). */
export interface SearchMessagesOptions {
  /** Substring of the content (SQL LIKE: `%` and `_` are wildcards, ASCII case-insensitive). */
  query?: string;
  author_id?: string;
  channel_id?: string;
  /** Created before / after this time (compared with the server's creation timestamps). */
  before?: string;
  after?: string;
  pinned?: boolean;
  /** Only ids below this one: pass the oldest id you hold to page backwards. */
  cursor?: string;
  /** 1–100, default 25. */
  limit?: number;
}

export interface CreateMessageBody {
  content: string;
  tts?: boolean;
  embeds?: unknown[];
  reply_to?: string;
  thread_id?: string;
  title?: string;
}

export interface EditMessageBody {
  content?: string;
  embeds?: unknown[];
  title?: string;
}

export interface BanBody {
  reason?: string;
  delete_message_seconds?: number;
}

export interface CreateInviteBody {
  max_uses?: number;
  max_age?: number;
  temporary?: boolean;
}

export interface CreateEmojiBody {
  name: string;
  /** A data URI, e.g. `data:image/png;base64,…`. */
  image: string;
}

export interface CreateSoundBody {
  name: string;
  /** A data URI, e.g. `data:audio/ogg;base64,…`. */
  audio: string;
  volume?: number;
}

export interface UpdateSoundBody {
  name?: string;
  volume?: number;
}

export interface VoiceJoinBody {
  self_mute?: boolean;
  self_deaf?: boolean;
}

export interface VoiceJoinResult {
  voice_state: VoiceState;
  backend: string;
  livekit_url: string | null;
  token: string | null;
}
