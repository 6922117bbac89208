import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  AuditLogEntrySchema,
  BanSchema,
  ChannelSchema,
  EmojiSchema,
  InteractionSchema,
  InviteSchema,
  MemberSchema,
  MessageSchema,
  PresenceSchema,
  ReadyDataSchema,
  RelationshipSchema,
  ReportSchema,
  ResumedDataSchema,
  RoleSchema,
  SoundSchema,
  SpaceSchema,
  UserSchema,
  VoiceServerUpdateSchema,
  VoiceStateSchema,
} from '../models/index.js';
import type { GatewayEventMap, GatewayEventName } from '../models/index.js';
import type { Prng } from './prng.js';

/** Ids the generated events refer to: real ones hit cached entities, made-up ones miss them. */
export interface FuzzIds {
  spaceIds: readonly string[];
  channelIds: readonly string[];
  userIds: readonly string[];
  messageIds: readonly string[];
  roleIds: readonly string[];
}

/** Ids no server ever hands out (not snowflake-shaped), so they never collide with real data. */
export function madeUpIds(rng: Prng, count = 6): FuzzIds {
  const ids = (prefix: string) => Array.from({ length: count }, () => `fuzz-${prefix}-${rng.string(8, 'abcdef0123456789')}`);
  return { spaceIds: ids('space'), channelIds: ids('channel'), userIds: ids('user'), messageIds: ids('msg'), roleIds: ids('role') };
}

function make<S extends TSchema>(schema: S, fields: Partial<Static<S>>): Static<S> {
  const base = Value.Create(schema) as Record<string, unknown>;
  return { ...base, ...fields } as Static<S>;
}

const TIMESTAMP = '2025-01-02 03:04:05';

/**
 * One valid example of every dispatch type in GatewayEventMap, built over `ids`. The mapped type
 * makes the compiler check that no event type is missing and that each example fits its model.
 */
export function exampleEvents(ids: FuzzIds, rng: Prng): { [K in GatewayEventName]: GatewayEventMap[K] } {
  const space = rng.pick(ids.spaceIds);
  const channel = rng.pick(ids.channelIds);
  const user = rng.pick(ids.userIds);
  const other = rng.pick(ids.userIds);
  const message = rng.pick(ids.messageIds);
  const role = rng.pick(ids.roleIds);
  const text = rng.string(rng.int(1, 40));

  const userModel = make(UserSchema, { id: user, username: `u${rng.int(1, 999)}`, display_name: text, created_at: TIMESTAMP });
  const channelModel = make(ChannelSchema, { id: channel, space_id: space, name: text, created_at: TIMESTAMP, position: rng.int(0, 9) });
  const messageModel = make(MessageSchema, {
    id: message,
    channel_id: channel,
    space_id: space,
    author_id: user,
    content: text,
    timestamp: TIMESTAMP,
    reactions: rng.chance(0.5) ? null : [{ emoji: { id: null, name: '👍' }, count: rng.int(1, 5), me: false }],
  });
  const memberModel = make(MemberSchema, { user_id: user, space_id: space, joined_at: TIMESTAMP, roles: [role] });
  const roleModel = make(RoleSchema, { id: role, name: text, position: rng.int(1, 9), permissions: ['send_messages'] });
  const voiceState = make(VoiceStateSchema, { user_id: user, space_id: space, channel_id: channel, session_id: `s${rng.int(1, 99)}` });
  const sound = make(SoundSchema, { id: `sound-${rng.int(1, 99)}`, name: text, created_at: TIMESTAMP, updated_at: TIMESTAMP });
  const emoji = make(EmojiSchema, { id: `emoji-${rng.int(1, 99)}`, name: 'blob' });
  const relationship = make(RelationshipSchema, {
    id: other,
    user: { id: other, username: 'friend', display_name: null, avatar: null },
    type: 1,
  });
  const presence = make(PresenceSchema, { user_id: user, status: rng.pick(['online', 'idle', 'dnd', 'offline']), client_status: { desktop: 'online' } });

  return {
    ready: make(ReadyDataSchema, {
      session_id: `session-${rng.int(1, 99)}`,
      user_id: user,
      user: userModel,
      spaces: [make(SpaceSchema, { id: space, name: text, owner_id: user, created_at: TIMESTAMP })],
      channels: [channelModel],
      members: [memberModel],
      roles: [roleModel],
      users: [userModel],
      voice_states: [voiceState],
      presences: [presence],
      server_version: '0.1.32',
    }),
    resumed: make(ResumedDataSchema, { session_id: `session-${rng.int(1, 99)}`, seq: rng.int(1, 99), replayed: 0 }),
    'message.create': messageModel,
    'message.update': { ...messageModel, edited_at: TIMESTAMP, reactions: null },
    'message.delete': { id: message, channel_id: channel, space_id: space },
    'message.delete_bulk': { channel_id: channel, space_id: space, ids: [message, rng.pick(ids.messageIds)] },
    'reaction.add': { channel_id: channel, message_id: message, user_id: user, emoji: '👍' },
    'reaction.remove': { channel_id: channel, message_id: message, user_id: user, emoji: { id: null, name: '👍' } },
    'reaction.clear': { channel_id: channel, message_id: message },
    'reaction.clear_emoji': { channel_id: channel, message_id: message, emoji: 'party_blob' },
    'typing.start': { channel_id: channel, user_id: user, timestamp: '2025-01-02T03:04:05' },
    'presence.update': presence,
    'user.update': userModel,
    'space.create': make(SpaceSchema, { id: space, name: text, owner_id: user, created_at: TIMESTAMP }),
    'space.update': make(SpaceSchema, { id: space, name: text, owner_id: user, created_at: TIMESTAMP }),
    'space.delete': { id: space },
    'channel.create': channelModel,
    'channel.update': { ...channelModel, topic: text },
    'channel.delete': { id: channel, space_id: space },
    'channel.reorder': { space_id: space, channels: [channelModel] },
    'channel.pins_update': { channel_id: channel, space_id: space, last_pin_timestamp: null },
    'channel_mute.create': { channel_id: channel },
    'channel_mute.delete': { channel_id: channel },
    'member.join': { space_id: space, user: userModel, joined_at: TIMESTAMP },
    'member.leave': { space_id: space, user_id: user },
    'member.update': memberModel,
    'member.chunk': { space_id: space, members: [memberModel], chunk_index: 0, chunk_count: 1 },
    'role.create': { space_id: space, role: roleModel },
    'role.update': { space_id: space, role: { ...roleModel, name: `${text}!` } },
    'role.delete': { space_id: space, role_id: role },
    'ban.create': make(BanSchema, { user_id: user, space_id: space, created_at: TIMESTAMP }),
    'ban.delete': { space_id: space, user_id: user },
    'invite.create': make(InviteSchema, { code: `c${rng.int(100, 999)}`, space_id: space, created_at: TIMESTAMP }),
    'invite.delete': { code: `c${rng.int(100, 999)}`, space_id: space },
    'emoji.create': { space_id: space, emoji },
    'emoji.update': { space_id: space, emoji: { ...emoji, name: 'blob2' } },
    'emoji.delete': { space_id: space, emoji_id: emoji.id },
    'soundboard.create': { space_id: space, sound },
    'soundboard.update': { space_id: space, sound: { ...sound, volume: 0.5 } },
    'soundboard.delete': { space_id: space, sound_id: sound.id },
    'soundboard.play': { space_id: space, user_id: user, sound },
    'voice.state_update': voiceState,
    'voice.server_update': make(VoiceServerUpdateSchema, { space_id: space, channel_id: channel, url: 'wss://voice.invalid' }),
    'voice.signal': { user_id: user, channel_id: channel, signal_type: 'offer', payload: { sdp: text } },
    'call.ring': { channel_id: channel, caller_id: user, participants: [user, other], metadata: null },
    'call.accept': { channel_id: channel, user_id: user },
    'call.decline': { channel_id: channel, user_id: user },
    'call.cancel': { channel_id: channel, user_id: user },
    'call.end': { channel_id: channel, user_id: user },
    'interaction.create': make(InteractionSchema, { id: `i${rng.int(1, 99)}`, application_id: 'app', channel_id: channel }),
    'relationship.add': relationship,
    'relationship.update': { ...relationship, type: 2 },
    'relationship.remove': { user_id: other },
    'plugin.installed': { space_id: space, manifest: { id: 'p1', name: text } },
    'plugin.uninstalled': { space_id: space, plugin_id: 'p1' },
    'plugin.event': { space_id: space, event: 'tick', payload: { n: 1 } },
    'plugin.session_state': { space_id: space, state: 'running' },
    'plugin.role_changed': { space_id: space, role: 'host' },
    'plugin.leaderboard_updated': { space_id: space, plugin_id: 'p1', board_id: 'b', user_id: user, score: 3 },
    'audit_log.create': make(AuditLogEntrySchema, { id: `a${rng.int(1, 99)}`, space_id: space, user_id: user, action_type: 'member_kick', created_at: TIMESTAMP }),
    'report.create': make(ReportSchema, { id: `r${rng.int(1, 99)}`, space_id: space, reporter_id: user, target_id: message, created_at: TIMESTAMP }),
    'read_state.update': { channel_id: channel, last_read_message_id: message, mention_count: 0 },
    anonymous_count_updated: { count: rng.int(0, 9), space_id: space },
  };
}

/** Event types a live session can be fuzzed with; ready/resumed would re-seat the session itself. */
export function liveEventTypes(examples: Record<string, unknown>): string[] {
  return Object.keys(examples).filter((type) => type !== 'ready' && type !== 'resumed');
}

/** Valid examples of every frame a client sends (docs/protocol.md §1.5, §1.8, §1.9, §1.15–1.18). */
export function exampleClientFrames(token: string, rng: Prng, ids: FuzzIds): Record<string, Record<string, unknown>> {
  return {
    heartbeat: { op: 1, data: rng.chance(0.5) ? null : rng.int(1, 99) },
    identify: {
      op: 2,
      data: {
        token,
        intents: ['spaces', 'messages', 'members', 'presences'],
        properties: { os: 'linux', client: 'fuzz', version: '1' },
        presence: { status: 'online', activities: [{ name: 'fuzzing' }] },
      },
    },
    resume: { op: 3, data: { token, session_id: `${rng.int(1e15, 9e15)}`, seq: rng.int(1, 50) } },
    presence: { op: 8, data: { status: rng.pick(['online', 'idle', 'dnd', 'invisible']), activity: { name: 'chess' } } },
    voice: {
      op: 9,
      data: { space_id: rng.pick(ids.spaceIds), channel_id: rng.pick(ids.channelIds), self_mute: false, self_deaf: false },
    },
    request_members: { op: 10, data: { space_id: rng.pick(ids.spaceIds), query: '', limit: 10 } },
    voice_signal: { op: 11, data: { channel_id: rng.pick(ids.channelIds), signal_type: 'offer', payload: {} } },
  };
}
