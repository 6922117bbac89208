import { compareIds } from './ids.js';
import type {
  ChannelRecord,
  EmojiRecord,
  InviteRecord,
  MemberRecord,
  MessageRecord,
  RelationshipRecord,
  RoleRecord,
  SoundRecord,
  SpaceRecord,
  UserRecord,
} from './records.js';
import type { Tables } from './tables.js';
import type {
  Channel,
  Emoji,
  Invite,
  Member,
  Message,
  PublicUser,
  Reaction,
  RelationshipEntry,
  Role,
  Sound,
  SpaceRow,
  User,
} from './wire.js';

/** Record -> wire shape (docs/protocol.md §4). Private columns never leave through here. */

export function toUser(record: UserRecord): User {
  const { password_hash: _hash, ...user } = record;
  return user;
}

export function toPublicUser(record: UserRecord): PublicUser {
  const { password_hash: _h, is_admin: _a, mfa_enabled: _m, disabled: _d, flags: _f, ...user } = record;
  return user;
}

export const toChannel = (record: ChannelRecord): Channel => ({ ...record, permission_overwrites: record.permission_overwrites.map((o) => ({ ...o })) });

/** A copy, so nothing downstream can reach into a stored row. */
export const toSpace = (record: SpaceRecord): SpaceRow => ({ ...record });

export function participantIds(tables: Tables, channelId: string): string[] {
  return tables.participants
    .where('channel', channelId)
    .map((p) => p.user_id)
    .sort(compareIds);
}

/** DM / group DM channel with `recipients` (every participant incl. the viewer, private form). */
export function toDmChannel(tables: Tables, record: ChannelRecord): Channel {
  const recipients: User[] = [];
  for (const id of participantIds(tables, record.id)) {
    const user = tables.users.get(id);
    if (user) recipients.push(toUser(user));
  }
  return { ...record, recipients };
}

export const isDmChannel = (record: { type: string; space_id: string | null }): boolean =>
  record.space_id === null && (record.type === 'dm' || record.type === 'group_dm');

/** Channel as a REST/`channel.*` payload: DMs carry recipients, space channels do not. */
export const channelPayload = (tables: Tables, record: ChannelRecord): Channel =>
  isDmChannel(record) ? toDmChannel(tables, record) : toChannel(record);

export function toMember(record: MemberRecord, user?: PublicUser): Member {
  const base = { ...record, roles: [...record.roles], permissions: null };
  return user ? { ...base, user } : base;
}

export function toRole(record: RoleRecord): Role {
  const { space_id: _space, ...role } = record;
  return role;
}

export function toEmoji(record: EmojiRecord): Emoji {
  const { space_id: _space, image_url, ...emoji } = record;
  return image_url === null ? emoji : { ...emoji, image_url };
}

export function toSound(record: SoundRecord): Sound {
  const { space_id: _space, ...sound } = record;
  return sound;
}

export function toInvite(record: InviteRecord): Invite {
  const { expires_at_ms: _expires, ...invite } = record;
  return invite;
}

/** Reactions grouped by emoji in first-added order; null when there are none. */
export function reactionsOf(tables: Tables, messageId: string, viewerId: string | null): Reaction[] | null {
  const rows = tables.reactions.where('message', messageId).sort((a, b) => compareIds(a.id, b.id));
  if (rows.length === 0) return null;
  const byEmoji = new Map<string, Reaction>();
  for (const row of rows) {
    let reaction = byEmoji.get(row.emoji);
    if (!reaction) byEmoji.set(row.emoji, (reaction = { emoji: { id: null, name: row.emoji }, count: 0, me: false }));
    reaction.count++;
    if (row.user_id === viewerId) reaction.me = true;
  }
  return [...byEmoji.values()];
}

export interface MessageView {
  /** Include stored reactions (REST reads); events always carry `null`. */
  reactions: boolean;
  /** Include the real thread reply count; events carry 0. */
  replyCount: boolean;
}

export const EVENT_VIEW: MessageView = { reactions: false, replyCount: false };
export const READ_VIEW: MessageView = { reactions: true, replyCount: true };

export function toMessage(tables: Tables, record: MessageRecord, viewerId: string | null, view: MessageView): Message {
  const { pinned_at: _pinnedAt, created_at_ms: _createdAt, ...rest } = record;
  return {
    ...rest,
    attachments: [],
    reactions: view.reactions ? reactionsOf(tables, record.id, viewerId) : null,
    reply_count: view.replyCount ? tables.messages.countWhere('thread', record.id) : 0,
  };
}

export function toRelationshipEntry(tables: Tables, record: RelationshipRecord): RelationshipEntry {
  const other = tables.users.get(record.target_id);
  return {
    id: record.target_id,
    user: {
      id: record.target_id,
      username: other?.username ?? '',
      display_name: other?.display_name ?? other?.username ?? '',
      avatar: other?.avatar ?? null,
    },
    type: record.type,
    since: record.created_at,
  };
}

/** `relationship.add/update` data: the entry without `since`. */
export function relationshipEvent(tables: Tables, record: RelationshipRecord): Omit<RelationshipEntry, 'since'> {
  const { since: _since, ...event } = toRelationshipEntry(tables, record);
  return event;
}
