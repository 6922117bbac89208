import { describe, expect, it } from 'vitest';
import { parseChannel, parsePresence, parseReadyData, parseUser, visibleStatus } from '../../../src/models/index.js';
import * as W from './wire-fixtures.js';

describe('READY (docs/protocol.md §1.6)', () => {
  it('parses READY with every field populated, with no issues', () => {
    const result = parseReadyData(structuredClone(W.ready));
    expect(result.issues).toEqual([]);
    const ready = result.value;
    expect(ready.user?.is_admin).toBe(true);
    expect(ready.spaces[0]?.id).toBe('200');
    expect(ready.channels[0]?.permission_overwrites[0]).toEqual({ id: '400', type: 'role', allow: ['send_messages'], deny: ['add_reactions'] });
    expect(ready.members[0]?.timed_out_until).toBe('2024-05-02T12:00:00+00:00');
    expect(ready.roles[0]).not.toHaveProperty('space_id');
    expect(ready.dm_channels[0]?.recipients?.map((user) => user.id)).toEqual(['100', '101']);
    expect(ready.mutes).toEqual([{ channel_id: '300' }]);
    expect(ready.unread[0]?.mention_count).toBe(1);
    expect(ready.presences[0]?.status).toBe('invisible');
    expect(ready.relationships[0]?.since).toBe('2024-05-01 12:00:00');
    expect(ready.voice_states[0]?.self_mute).toBe(true);
    expect(ready.motd).toBe('welcome');
  });

  it('parses a guest READY: user null, empty DM/mute/unread/presence/relationship lists', () => {
    const guest = { ...structuredClone(W.ready), user_id: 'guest:0123456789abcdef', user: null, dm_channels: [], mutes: [], unread: [], presences: [], relationships: [], is_guest: true };
    const result = parseReadyData(guest);
    expect(result.issues).toEqual([]);
    expect(result.value.user).toBeNull();
    expect(result.value.is_guest).toBe(true);
  });

  it('keeps READY.user when one of its fields is malformed instead of nulling the whole user', () => {
    const input = { ...structuredClone(W.ready), user: { ...W.privateUser, flags: 'lots' } };
    const result = parseReadyData(input);
    expect(result.value.user).toEqual({ ...W.privateUser, flags: 0 });
    expect(result.issues.map((issue) => issue.path)).toContain('/user');
  });

  it('keeps the good list entries when one channel in READY is malformed', () => {
    const input = { ...structuredClone(W.ready), channels: [W.textChannel, { ...W.textChannel, id: '303', position: 'x' }] };
    const result = parseReadyData(input);
    expect(result.value.channels.map((channel) => [channel.id, channel.position])).toEqual([
      ['300', 0],
      ['303', 0],
    ]);
    expect(result.value.spaces).toEqual([W.space]);
  });
});

describe('Presence, both forms (docs/protocol.md §4.9)', () => {
  it('parses the READY stored form (invisible leaks, desktop/mobile/web, space_id null)', () => {
    const result = parsePresence(structuredClone(W.readyPresence));
    expect(result.issues).toEqual([]);
    expect(result.value.client_status).toEqual({ desktop: 'invisible', mobile: null, web: null });
    expect(result.value.space_id).toBeNull();
    expect(visibleStatus(result.value.status)).toBe('offline');
  });

  it('parses presence.update with client_status {desktop} and with {}', () => {
    const online = parsePresence({ user_id: '100', status: 'online', client_status: { desktop: 'online' }, activities: [{ name: 'Chess' }] });
    expect(online.issues).toEqual([]);
    expect(online.value).toEqual({ user_id: '100', status: 'online', client_status: { desktop: 'online' }, activities: [{ name: 'Chess' }] });
    expect(online.value).not.toHaveProperty('space_id');
    const offline = parsePresence({ user_id: '100', status: 'offline', client_status: {}, activities: [] });
    expect(offline.issues).toEqual([]);
    expect(offline.value.client_status).toEqual({});
    expect(visibleStatus(offline.value.status)).toBe('offline');
    expect(['online', 'idle', 'dnd'].map(visibleStatus)).toEqual(['online', 'idle', 'dnd']);
  });
});

describe('User and Channel variants (docs/protocol.md §4.1, §4.3)', () => {
  it('leaves the private fields absent on the public form (user.update), not defaulted', () => {
    const result = parseUser(structuredClone(W.publicUser));
    expect(result.issues).toEqual([]);
    for (const key of ['is_admin', 'mfa_enabled', 'disabled', 'flags']) expect(result.value).not.toHaveProperty(key);
  });

  it('parses the guest synthetic user and a federated user', () => {
    const guest = { id: 'guest:0123456789abcdef', username: 'Guest', display_name: 'Guest', avatar: null, bot: false, system: false, is_guest: true, created_at: '2024-05-01T12:00:00+00:00' };
    expect(parseUser(guest)).toEqual({ value: guest, issues: [] });
    const remote = { ...W.publicUser, id: '101@remote.example', username: 'bob@remote.example', origin: 'remote.example' };
    expect(parseUser(remote).value.origin).toBe('remote.example');
  });

  it('parses a DM channel with recipients and a group DM without', () => {
    const dm = parseChannel(structuredClone(W.dmChannel));
    expect(dm.issues).toEqual([]);
    expect(dm.value.space_id).toBeNull();
    expect(dm.value.recipients).toHaveLength(2);
    const group = parseChannel({ ...structuredClone(W.textChannel), id: '304', type: 'group_dm', space_id: null });
    expect(group.value.recipients).toBeUndefined();
  });
});
