import { describe, expect, it } from 'vitest';
import {
  parseAuditLogEntry,
  parseBan,
  parseChannel,
  parseEmoji,
  parseInteraction,
  parseInvite,
  parseMember,
  parseMessage,
  parsePresence,
  parseReadyData,
  parseRelationship,
  parseReport,
  parseResumedData,
  parseRole,
  parseSound,
  parseSpace,
  parseUser,
  parseVoiceServerUpdate,
  parseVoiceState,
  type ModelParser,
} from '../../../src/models/index.js';
import * as W from './wire-fixtures.js';

interface ModelCase {
  name: string;
  parse: ModelParser<unknown>;
  full: Record<string, unknown>;
  /** Keys whose absence makes the data unusable (fatal). */
  ids: Record<string, string>;
  /** What the parser yields from the ids alone: the documented defaults. */
  defaults: Record<string, unknown>;
  /** A field to garble, and the default it falls back to. */
  wrong: { key: string; value: unknown; fallback: unknown };
}

const cases: ModelCase[] = [
  {
    name: 'User',
    parse: parseUser,
    full: W.privateUser,
    ids: { id: '100' },
    defaults: { id: '100', username: '', display_name: null, avatar: null, bot: false, system: false },
    wrong: { key: 'bot', value: 'yes', fallback: false },
  },
  {
    name: 'Space',
    parse: parseSpace,
    full: W.space,
    ids: { id: '200' },
    defaults: {
      id: '200', name: '', slug: '', description: null, icon: null, banner: null, splash: null, owner_id: '',
      verification_level: 'none', default_notifications: 'all', explicit_content_filter: 'disabled', vanity_url_code: null,
      preferred_locale: 'en-US', afk_channel_id: null, afk_timeout: 300, system_channel_id: null, rules_channel_id: null,
      nsfw_level: 'default', premium_tier: 'none', public: false, allow_guest_access: true, premium_subscription_count: 0,
      max_members: 500000, created_at: '',
    },
    wrong: { key: 'afk_timeout', value: '300', fallback: 300 },
  },
  {
    name: 'Channel',
    parse: parseChannel,
    full: W.textChannel,
    ids: { id: '300' },
    defaults: {
      id: '300', type: 'text', space_id: null, name: null, topic: null, position: 0, parent_id: null, nsfw: false, rate_limit: 0,
      bitrate: null, user_limit: null, owner_id: null, last_message_id: null, permission_overwrites: [], archived: false,
      auto_archive_after: null, allow_anonymous_read: false, created_at: '',
    },
    wrong: { key: 'position', value: 'first', fallback: 0 },
  },
  {
    name: 'Member',
    parse: parseMember,
    full: W.member,
    ids: { user_id: '100' },
    defaults: {
      user_id: '100', space_id: '', nickname: null, avatar: null, roles: [], joined_at: '', premium_since: null, deaf: false,
      mute: false, pending: false, timed_out_until: null, permissions: null,
    },
    wrong: { key: 'roles', value: 'admin', fallback: [] },
  },
  {
    name: 'Role',
    parse: parseRole,
    full: W.everyoneRole,
    ids: { id: '400' },
    defaults: { id: '400', name: '', color: 0, hoist: false, icon: null, position: 0, permissions: [], managed: false, mentionable: false },
    wrong: { key: 'color', value: '#ff0000', fallback: 0 },
  },
  {
    name: 'Message',
    parse: parseMessage,
    full: W.message,
    ids: { id: '500', channel_id: '300' },
    defaults: {
      id: '500', channel_id: '300', space_id: null, author_id: '', content: '', type: 'default', timestamp: '', edited_at: null,
      tts: false, pinned: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [],
      reactions: null, reply_to: null, flags: 0, webhook_id: null, thread_id: null, reply_count: 0, title: null,
    },
    wrong: { key: 'content', value: 42, fallback: '' },
  },
  {
    name: 'Presence',
    parse: parsePresence,
    full: W.readyPresence,
    ids: { user_id: '100' },
    defaults: { user_id: '100', status: 'offline', client_status: {}, activities: [] },
    wrong: { key: 'activities', value: 'playing', fallback: [] },
  },
  {
    name: 'VoiceState',
    parse: parseVoiceState,
    full: W.voiceState,
    ids: { user_id: '100' },
    defaults: {
      user_id: '100', space_id: null, channel_id: null, session_id: '', deaf: false, mute: false, self_deaf: false,
      self_mute: false, self_stream: false, self_video: false, suppress: false,
    },
    wrong: { key: 'self_mute', value: 1, fallback: false },
  },
  {
    name: 'VoiceServerUpdate',
    parse: parseVoiceServerUpdate,
    full: { space_id: '200', channel_id: '302', backend: 'livekit', url: 'wss://lk.example', token: 'jwt' },
    ids: { channel_id: '302' },
    defaults: { space_id: null, channel_id: '302', backend: 'livekit' },
    wrong: { key: 'backend', value: null, fallback: 'livekit' },
  },
  {
    name: 'Invite',
    parse: parseInvite,
    full: W.invite,
    ids: { code: 'AbCd1234' },
    defaults: {
      code: 'AbCd1234', space_id: '', channel_id: null, inviter_id: null, max_uses: null, uses: 0, max_age: null, temporary: false,
      created_at: '', expires_at: null,
    },
    wrong: { key: 'uses', value: 'many', fallback: 0 },
  },
  {
    name: 'Ban',
    parse: parseBan,
    full: W.ban,
    ids: { user_id: '101', space_id: '200' },
    defaults: { user_id: '101', space_id: '200', reason: null, banned_by: null, created_at: '' },
    wrong: { key: 'reason', value: 7, fallback: null },
  },
  {
    name: 'Emoji',
    parse: parseEmoji,
    full: W.emoji,
    ids: { id: '700' },
    defaults: { id: '700', name: '', animated: false, managed: false, available: true, require_colons: true, role_ids: [], creator_id: null },
    wrong: { key: 'animated', value: 'no', fallback: false },
  },
  {
    name: 'Sound',
    parse: parseSound,
    full: W.sound,
    ids: { id: '800' },
    defaults: { id: '800', name: '', audio_url: null, volume: 1, creator_id: null, created_at: '', updated_at: '' },
    wrong: { key: 'volume', value: 'loud', fallback: 1 },
  },
  {
    name: 'Relationship',
    parse: parseRelationship,
    full: W.relationship,
    ids: { id: '101' },
    defaults: { id: '101', user: { id: '', username: '', display_name: null, avatar: null }, type: 1 },
    wrong: { key: 'type', value: 'friend', fallback: 1 },
  },
  {
    name: 'Report',
    parse: parseReport,
    full: W.report,
    ids: { id: '1000' },
    defaults: {
      id: '1000', space_id: '', reporter_id: '', target_type: 'message', target_id: '', channel_id: null, category: 'other',
      description: null, status: 'pending', actioned_by: null, action_taken: null, created_at: '', resolved_at: null,
    },
    wrong: { key: 'status', value: false, fallback: 'pending' },
  },
  {
    name: 'AuditLogEntry',
    parse: parseAuditLogEntry,
    full: W.auditLogEntry,
    ids: { id: '1100' },
    defaults: { id: '1100', space_id: '', user_id: '', action_type: '', target_id: null, target_type: null, reason: null, created_at: '' },
    wrong: { key: 'action_type', value: 3, fallback: '' },
  },
  {
    name: 'Interaction',
    parse: parseInteraction,
    full: W.interaction,
    ids: { id: '1200' },
    defaults: { id: '1200', application_id: '', type: 0, space_id: null, channel_id: null, member_id: null, user_id: null, token: '', locale: null },
    wrong: { key: 'type', value: 'command', fallback: 0 },
  },
  {
    name: 'ResumedData',
    parse: parseResumedData,
    full: { session_id: '900', seq: 42, replayed: 3 },
    ids: { session_id: '900' },
    defaults: { session_id: '900', seq: 0, replayed: 0 },
    wrong: { key: 'seq', value: '42', fallback: 0 },
  },
  {
    name: 'ReadyData',
    parse: parseReadyData,
    full: W.ready,
    ids: { session_id: '900', user_id: '100' },
    defaults: {
      session_id: '900', user_id: '100', user: null, spaces: [], channels: [], members: [], roles: [], users: [], voice_states: [],
      dm_channels: [], mutes: [], unread: [], presences: [], relationships: [], is_guest: false, api_version: 'v1',
      server_version: '', motd: null,
    },
    wrong: { key: 'is_guest', value: 'false', fallback: false },
  },
];

describe.each(cases)('$name parser', (c) => {
  it('accepts the full wire object unchanged, with no issues', () => {
    const result = c.parse(structuredClone(c.full));
    expect(result.fatal).toBeUndefined();
    expect(result.issues).toEqual([]);
    expect(result.value).toEqual(c.full);
  });

  it('fills every absent key with its documented default and reports each', () => {
    const result = c.parse({ ...c.ids });
    expect(result.fatal).toBeUndefined();
    expect(result.value).toEqual(c.defaults);
    const absent = Object.keys(c.defaults).filter((key) => !(key in c.ids));
    for (const key of absent.slice(0, 5)) expect(result.issues.map((issue) => issue.path)).toContain(`/${key}`);
  });

  it('replaces a wrong-typed field with its default, reports it, and keeps the other fields', () => {
    const result = c.parse({ ...structuredClone(c.full), [c.wrong.key]: c.wrong.value });
    expect(result.fatal).toBeUndefined();
    expect((result.value as Record<string, unknown>)[c.wrong.key]).toEqual(c.wrong.fallback);
    expect(result.issues.map((issue) => issue.path)).toContain(`/${c.wrong.key}`);
    const { [c.wrong.key]: _dropped, ...rest } = c.full;
    expect(result.value).toMatchObject(rest);
  });

  it('keeps nulls where the wire allows them', () => {
    const nullable = Object.entries(c.defaults).filter(([, value]) => value === null).map(([key]) => key);
    const input = { ...structuredClone(c.full), ...Object.fromEntries(nullable.map((key) => [key, null])) };
    const result = c.parse(input);
    expect(result.issues).toEqual([]);
    for (const key of nullable) expect((result.value as Record<string, unknown>)[key]).toBeNull();
  });

  it.each([null, undefined, 'text', 42, true, []])('is fatal for a non-object (%j)', (input) => {
    const result = c.parse(input);
    expect(result.fatal).toMatch(/expected an object/);
  });

  it('is fatal without its id', () => {
    for (const key of Object.keys(c.ids)) {
      const { [key]: _missing, ...rest } = structuredClone(c.full);
      expect(c.parse(rest).fatal).toMatch(new RegExp(`'${key}'`));
      expect(c.parse({ ...rest, [key]: 12 }).fatal).toMatch(new RegExp(`'${key}'`));
    }
  });
});
