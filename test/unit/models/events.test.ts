import { describe, expect, it } from 'vitest';
import { parseEvent, parseEventAs } from '../../../src/models/index.js';
import { GATEWAY_EVENT_TYPES } from '../../../src/protocol/index.js';
import * as W from './wire-fixtures.js';

describe('event payload parsers (docs/protocol.md §3, §7.7)', () => {
  it('has a parser for every event type the protocol lists', () => {
    for (const type of GATEWAY_EVENT_TYPES) expect(parseEvent(type, {}), type).toBeDefined();
    expect(parseEvent('made.up', {})).toBeUndefined();
  });

  it('reads reaction emoji as a plain string and as an object', () => {
    const asString = parseEventAs('reaction.add', { channel_id: '300', message_id: '500', user_id: '100', emoji: '👍' });
    expect(asString.issues).toEqual([]);
    expect(asString.value.emoji).toBe('👍');
    const asObject = parseEventAs('reaction.remove', { channel_id: '300', message_id: '500', user_id: '100', emoji: { id: null, name: 'party_blob' } });
    expect(asObject.issues).toEqual([]);
    expect(asObject.value.emoji).toEqual({ id: null, name: 'party_blob' });
    const withoutId = parseEventAs('reaction.add', { channel_id: '300', message_id: '500', user_id: '100', emoji: { name: 'party_blob' } });
    expect(withoutId.value.emoji).toEqual({ id: null, name: 'party_blob' });
    const clearEmoji = parseEventAs('reaction.clear_emoji', { channel_id: '300', message_id: '500', emoji: '👍' });
    expect(clearEmoji.value.emoji).toBe('👍');
  });

  it('reads member.join in the local {space_id, user, joined_at} and federated {space_id, user_id} forms', () => {
    const local = parseEventAs('member.join', { space_id: '200', user: W.privateUser, joined_at: '2024-05-01 12:00:00' });
    expect(local.issues).toEqual([]);
    expect(local.value.user?.id).toBe('100');
    expect(local.value.joined_at).toBe('2024-05-01 12:00:00');
    const federated = parseEventAs('member.join', { space_id: '200', user_id: '101@remote.example' });
    expect(federated.issues).toEqual([]);
    expect(federated.value.user_id).toBe('101@remote.example');
    expect(federated.value.user).toBeUndefined();
  });

  it('reads member.leave with user_id or user.id', () => {
    expect(parseEventAs('member.leave', { space_id: '200', user_id: '101' }).value.user_id).toBe('101');
    expect(parseEventAs('member.leave', { space_id: '200', user: { id: '101' } }).value.user?.id).toBe('101');
  });

  it('reads role events as {space_id, role} or a bare role carrying space_id, and role.delete by role_id or id', () => {
    const wrapped = parseEventAs('role.create', { space_id: '200', role: W.everyoneRole });
    expect(wrapped.issues).toEqual([]);
    expect(wrapped.value.space_id).toBe('200');
    expect(wrapped.value.role.id).toBe('400');
    const bare = parseEventAs('role.update', { ...W.everyoneRole, space_id: '200' });
    expect(bare.value.space_id).toBe('200');
    expect(bare.value.role).toMatchObject({ ...W.everyoneRole });
    expect(parseEventAs('role.delete', { space_id: '200', role_id: '400' }).value).toEqual({ space_id: '200', role_id: '400' });
    expect(parseEventAs('role.delete', { space_id: '200', id: '400' }).value).toEqual({ space_id: '200', role_id: '400' });
    expect(parseEventAs('role.update', { role: W.everyoneRole }).fatal).toMatch(/space_id/);
  });

  it('reads the wrapped emoji and soundboard payloads', () => {
    expect(parseEventAs('emoji.create', { space_id: '200', emoji: W.emoji }).value.emoji.name).toBe('party_blob');
    expect(parseEventAs('emoji.delete', { space_id: '200', emoji_id: '700' }).value.emoji_id).toBe('700');
    const played = parseEventAs('soundboard.play', { space_id: '200', sound: W.sound, user_id: '100' });
    expect(played.issues).toEqual([]);
    expect(played.value.sound?.volume).toBe(0.8);
    expect(parseEventAs('soundboard.update', { space_id: '200', sound: W.sound }).value.sound.id).toBe('800');
    expect(parseEventAs('soundboard.delete', { space_id: '200', sound_id: '800' }).value.sound_id).toBe('800');
  });

  it('reads deletes with and without space_id (space channel, group DM, federation)', () => {
    expect(parseEventAs('channel.delete', { id: '300', space_id: '200' }).value).toEqual({ id: '300', space_id: '200' });
    expect(parseEventAs('channel.delete', { id: '301' })).toEqual({ value: { id: '301' }, issues: [] });
    expect(parseEventAs('message.delete', { id: '500', channel_id: '300', space_id: null }).issues).toEqual([]);
    expect(parseEventAs('message.delete', { id: '500@r', channel_id: '300@r' }).issues).toEqual([]);
    expect(parseEventAs('space.delete', { id: '200' }).value.id).toBe('200');
  });

  it('reads voice: a leave with channel_id null, a server update with url or error', () => {
    const leave = parseEventAs('voice.state_update', { ...W.voiceState, channel_id: null, self_mute: false });
    expect(leave.issues).toEqual([]);
    expect(leave.value.channel_id).toBeNull();
    expect(parseEventAs('voice.server_update', { space_id: null, channel_id: '301', backend: 'livekit', url: 'wss://lk', token: 'jwt' }).issues).toEqual([]);
    const failed = parseEventAs('voice.server_update', { space_id: '200', channel_id: '302', backend: 'livekit', error: 'failed to generate token' });
    expect(failed.value.error).toBe('failed to generate token');
    expect(failed.value.url).toBeUndefined();
  });

  it('reads typing.start with and without thread_id, and the misc payloads', () => {
    expect(parseEventAs('typing.start', { channel_id: '300', user_id: '100', timestamp: '2024-05-01T12:00:00' }).issues).toEqual([]);
    expect(parseEventAs('typing.start', { channel_id: '300', user_id: '100', timestamp: '2024-05-01T12:00:00', thread_id: '500' }).value.thread_id).toBe('500');
    const added = parseEventAs('relationship.add', { id: '101', user: { id: '101', username: 'bob', display_name: 'bob', avatar: null }, type: 3 });
    expect(added.issues).toEqual([]);
    expect(added.value.since).toBeUndefined();
    expect(parseEventAs('relationship.remove', { user_id: '101' }).value.user_id).toBe('101');
    expect(parseEventAs('call.ring', { channel_id: '301', caller_id: '100', participants: ['100', '101'], metadata: null }).issues).toEqual([]);
    expect(parseEventAs('call.end', { channel_id: '301', user_id: '101' }).issues).toEqual([]);
    expect(parseEventAs('read_state.update', { channel_id: '300', last_read_message_id: '500', mention_count: 0 }).issues).toEqual([]);
    expect(parseEventAs('anonymous_count_updated', { count: 2, space_id: '200' }).value.count).toBe(2);
    expect(parseEventAs('channel.reorder', { space_id: '200', channels: [W.textChannel] }).value.channels[0]?.id).toBe('300');
    expect(parseEventAs('audit_log.create', W.auditLogEntry).value.changes).toEqual({ invite_code: 'AbCd1234', inviter_id: '100' });
    const plugin = parseEventAs('plugin.leaderboard_updated', { plugin_id: 'p', board_id: 'b', user_id: '100', score: 9 });
    expect(plugin.value).toMatchObject({ plugin_id: 'p', score: 9 });
  });

  it('reports a non-object event payload as fatal', () => {
    expect(parseEvent('message.create', 'oops')?.fatal).toMatch(/expected an object/);
    expect(parseEvent('member.join', [])?.fatal).toMatch(/expected an object/);
    expect(parseEvent('typing.start', null)?.fatal).toMatch(/expected an object/);
  });
});
