import type { Persistence } from './storage/persistence.js';
import { Table } from './storage/table.js';
import type {
  ApplicationRecord,
  BanRecord,
  BotTokenRecord,
  ChannelRecord,
  EmojiRecord,
  GuestTokenRecord,
  InviteRecord,
  JoinRecord,
  MemberRecord,
  MessageRecord,
  MetaRecord,
  MuteRecord,
  ParticipantRecord,
  ReactionRecord,
  ReadStateRecord,
  RelationshipRecord,
  RoleRecord,
  SoundRecord,
  SpaceRecord,
  UserRecord,
  UserTokenRecord,
} from './records.js';

/** Composite primary keys use a separator that cannot occur in ids or emoji text. */
export const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;

/** One user's reaction with one emoji on one message. */
export const reactionKey = (messageId: string, emoji: string, userId: string): string => pairKey(messageId, pairKey(emoji, userId));

export function createTables(p: Persistence) {
  return {
    users: new Table<UserRecord, 'username'>('users', (r) => r.id, p, { username: (r) => r.username }),
    userTokens: new Table<UserTokenRecord, 'user'>('user_tokens', (r) => r.hash, p, { user: (r) => r.user_id }),
    guestTokens: new Table<GuestTokenRecord, 'user'>('guest_tokens', (r) => r.hash, p, { user: (r) => r.user_id }),
    botTokens: new Table<BotTokenRecord, 'app'>('bot_tokens', (r) => r.hash, p, { app: (r) => r.application_id }),
    applications: new Table<ApplicationRecord, 'owner' | 'bot'>('applications', (r) => r.id, p, {
      owner: (r) => r.owner_id,
      bot: (r) => r.bot_user_id,
    }),
    spaces: new Table<SpaceRecord, 'slug'>('spaces', (r) => r.id, p, { slug: (r) => r.slug }),
    channels: new Table<ChannelRecord, 'space'>('channels', (r) => r.id, p, { space: (r) => r.space_id }),
    participants: new Table<ParticipantRecord, 'channel' | 'user'>(
      'participants',
      (r) => pairKey(r.channel_id, r.user_id),
      p,
      { channel: (r) => r.channel_id, user: (r) => r.user_id },
    ),
    members: new Table<MemberRecord, 'space' | 'user'>('members', (r) => pairKey(r.space_id, r.user_id), p, {
      space: (r) => r.space_id,
      user: (r) => r.user_id,
    }),
    roles: new Table<RoleRecord, 'space'>('roles', (r) => r.id, p, { space: (r) => r.space_id }),
    messages: new Table<MessageRecord, 'channel' | 'thread'>('messages', (r) => r.id, p, {
      channel: (r) => r.channel_id,
      thread: (r) => r.thread_id,
    }),
    reactions: new Table<ReactionRecord, 'message'>('reactions', (r) => reactionKey(r.message_id, r.emoji, r.user_id), p, {
      message: (r) => r.message_id,
    }),
    bans: new Table<BanRecord, 'space'>('bans', (r) => pairKey(r.space_id, r.user_id), p, { space: (r) => r.space_id }),
    invites: new Table<InviteRecord, 'space'>('invites', (r) => r.code, p, { space: (r) => r.space_id }),
    emojis: new Table<EmojiRecord, 'space'>('emojis', (r) => r.id, p, { space: (r) => r.space_id }),
    sounds: new Table<SoundRecord, 'space'>('sounds', (r) => r.id, p, { space: (r) => r.space_id }),
    mutes: new Table<MuteRecord, 'user' | 'channel'>('mutes', (r) => pairKey(r.user_id, r.channel_id), p, {
      user: (r) => r.user_id,
      channel: (r) => r.channel_id,
    }),
    readStates: new Table<ReadStateRecord, 'user' | 'channel'>('read_states', (r) => pairKey(r.user_id, r.channel_id), p, {
      user: (r) => r.user_id,
      channel: (r) => r.channel_id,
    }),
    relationships: new Table<RelationshipRecord, 'user' | 'target'>(
      'relationships',
      (r) => pairKey(r.user_id, r.target_id),
      p,
      { user: (r) => r.user_id, target: (r) => r.target_id },
    ),
    joins: new Table<JoinRecord, 'space'>('joins', (r) => pairKey(r.space_id, r.user_id), p, { space: (r) => r.space_id }),
    meta: new Table<MetaRecord>('meta', (r) => r.key, p),
  };
}

export type Tables = ReturnType<typeof createTables>;
