import type {
  Application,
  Ban,
  Channel,
  Emoji,
  Invite,
  Member,
  Message,
  PermissionOverwrite,
  Role,
  Sound,
  SpaceRow,
  User,
} from './wire.js';

/** Stored rows. Most are the wire shape plus the private columns the wire never shows. */

export interface UserRecord extends User {
  /** `scrypt:<N>:<salt hex>:<hash hex>`; null for bot and system users. */
  password_hash: string | null;
}

export interface UserTokenRecord {
  hash: string;
  user_id: string;
  created_at_ms: number;
  expires_at_ms: number;
}

export interface GuestTokenRecord {
  hash: string;
  /** `guest:<first 16 hex of the hash>` */
  user_id: string;
  space_id: string;
  expires_at_ms: number;
}

export interface BotTokenRecord {
  hash: string;
  user_id: string;
  application_id: string;
}

export interface ApplicationRecord extends Application {
  bot_user_id: string;
}

export type SpaceRecord = SpaceRow;

export type ChannelRecord = Omit<Channel, 'recipients'>;
export type PermissionOverwriteRecord = PermissionOverwrite;

/** One participant of a dm / group_dm channel. */
export interface ParticipantRecord {
  channel_id: string;
  user_id: string;
}

export type MemberRecord = Omit<Member, 'permissions' | 'user'>;

export interface RoleRecord extends Role {
  space_id: string;
}

/** The wire message without what is computed on read (attachments, reactions, reply_count). */
export interface MessageRecord extends Omit<Message, 'attachments' | 'reactions' | 'reply_count'> {
  pinned_at: string | null;
  /** Unix ms of creation, for ban purges. */
  created_at_ms: number;
}

export interface ReactionRecord {
  /** Snowflake: orders reactions by when they were first added. */
  id: string;
  message_id: string;
  channel_id: string;
  emoji: string;
  user_id: string;
}

export type BanRecord = Ban;

export interface InviteRecord extends Invite {
  expires_at_ms: number | null;
}

export interface EmojiRecord extends Omit<Emoji, 'image_url'> {
  space_id: string;
  image_url: string | null;
}

export interface SoundRecord extends Sound {
  space_id: string;
}

export interface MuteRecord {
  user_id: string;
  channel_id: string;
  created_at: string;
}

export interface ReadStateRecord {
  user_id: string;
  channel_id: string;
  last_read_message_id: string | null;
  mention_count: number;
}

export interface RelationshipRecord {
  user_id: string;
  target_id: string;
  type: 1 | 2 | 3 | 4;
  created_at: string;
}

/** A user was a member of a space at some point: the welcome message is posted only once. */
export interface JoinRecord {
  space_id: string;
  user_id: string;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}
