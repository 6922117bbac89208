import {
  parseBan,
  parseChannel,
  parseInvite,
  parseMember,
  parseMessage,
  parseReadyData,
  parseRole,
  parseSpace,
  parseUser,
  parseVoiceState,
  type Ban,
  type Channel,
  type Invite,
  type Member,
  type Message,
  type ReadyData,
  type Role,
  type Space,
  type User,
  type VoiceState,
} from '../../../src/models/index.js';

/** Wire-shaped entities with docs/protocol.md defaults; only the fields a test names are given. */
export const user = (id: string, extra: Partial<User> = {}): User => parseUser({ id, username: `user_${id}`, display_name: `User ${id}`, ...extra }).value;
export const space = (id: string, extra: Partial<Space> = {}): Space => parseSpace({ id, name: `Space ${id}`, owner_id: 'u1', ...extra }).value;
export const channel = (id: string, spaceId: string | null, extra: Partial<Channel> = {}): Channel =>
  parseChannel({ id, space_id: spaceId, name: `ch-${id}`, type: 'text', ...extra }).value;
export const dm = (id: string, recipients: User[], extra: Partial<Channel> = {}): Channel =>
  parseChannel({ id, space_id: null, name: '', type: 'dm', recipients, ...extra }).value;
export const member = (spaceId: string, userId: string, extra: Partial<Member> = {}): Member =>
  parseMember({ user_id: userId, space_id: spaceId, joined_at: '2024-01-01 00:00:00', ...extra }).value;
export const role = (id: string, position: number, extra: Partial<Role> = {}): Role =>
  parseRole({ id, name: position === 0 ? '@everyone' : `role-${id}`, position, ...extra }).value;
export const ban = (spaceId: string, userId: string, extra: Partial<Ban> = {}): Ban =>
  parseBan({ space_id: spaceId, user_id: userId, created_at: '2024-01-01 00:00:00', ...extra }).value;
export const invite = (code: string, spaceId: string, extra: Partial<Invite> = {}): Invite =>
  parseInvite({ code, space_id: spaceId, created_at: '2024-01-01 00:00:00', ...extra }).value;
export const voiceState = (userId: string, spaceId: string | null, channelId: string | null, extra: Partial<VoiceState> = {}): VoiceState =>
  parseVoiceState({ user_id: userId, space_id: spaceId, channel_id: channelId, session_id: 's', ...extra }).value;

let nextMessageId = 1000;
export const message = (channelId: string, authorId: string, extra: Partial<Message> = {}): Message =>
  parseMessage({
    id: String(nextMessageId++),
    channel_id: channelId,
    space_id: 's1',
    author_id: authorId,
    content: 'hello',
    timestamp: '2024-01-01 00:00:00',
    ...extra,
  }).value;

/**
 * The standard READY: me = u1; space s1 with text channels c1, c2 and voice channel v1; users
 * u1..u3 members of s1 (u2 online); roles r0 (@everyone), r1; DM d1 with u4.
 */
export function readyData(extra: Partial<ReadyData> = {}): ReadyData {
  const users = [user('u1'), user('u2'), user('u3')];
  return parseReadyData({
    session_id: 'sess',
    user_id: 'u1',
    user: user('u1'),
    spaces: [space('s1')],
    channels: [channel('c1', 's1', { position: 0 }), channel('c2', 's1', { position: 1 }), channel('v1', 's1', { type: 'voice', position: 2 })],
    members: [member('s1', 'u1'), member('s1', 'u2'), member('s1', 'u3')],
    roles: [role('r0', 0), role('r1', 1)],
    users,
    voice_states: [],
    dm_channels: [dm('d1', [user('u1'), user('u4')])],
    mutes: [],
    unread: [],
    presences: [{ user_id: 'u2', status: 'online', client_status: { desktop: 'online', mobile: null, web: null }, activities: [], space_id: null }],
    relationships: [],
    is_guest: false,
    api_version: 'v1',
    server_version: '0.1.32',
    motd: null,
    ...extra,
  }).value;
}
