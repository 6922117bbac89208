import { beforeEach, describe, expect, it } from 'vitest';
import { compareIds } from '../../../src/server/data/ids.js';
import { insertMessage } from '../../../src/server/data/services/messages.js';
import type { World } from './world.js';
import { demoWorld } from './world.js';

type Row = Record<string, unknown>;

describe('readySnapshot', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  it('has every READY field except session_id, presences and voice_states', () => {
    const ready = w.data.readySnapshot(w.id('alice'), false);
    expect(Object.keys(ready).sort()).toEqual(
      ['api_version', 'channels', 'dm_channels', 'is_guest', 'members', 'motd', 'mutes', 'relationships', 'roles', 'server_version', 'spaces', 'unread', 'user', 'user_id', 'users'].sort(),
    );
    expect(ready).toMatchObject({ user_id: w.id('alice'), is_guest: false, api_version: 'v1', server_version: '0.1.32', motd: null });
    expect((ready.user as Row).is_admin).toBe(true);
  });

  it('groups channels, members and roles per space in spaces order', () => {
    const ready = w.data.readySnapshot(w.id('alice'), false);
    const spaces = ready.spaces as Row[];
    const channels = ready.channels as Row[];
    const roles = ready.roles as Row[];
    const members = ready.members as Row[];
    let offset = 0;
    for (const space of spaces) {
      const group = channels.filter((c) => c.space_id === space.id);
      expect(channels.slice(offset, offset + group.length)).toEqual(group);
      expect(group.map((c) => c.position)).toEqual([...group.map((c) => c.position as number)].sort((a, b) => a - b));
      offset += group.length;
      const memberGroup = members.filter((m) => m.space_id === space.id).map((m) => m.user_id as string);
      expect(memberGroup).toEqual([...memberGroup].sort(compareIds));
    }
    expect(roles).toHaveLength(6);
    expect(roles[0]).toMatchObject({ name: '@everyone', position: 0 });
    expect(roles[3]).toMatchObject({ name: '@everyone', position: 0 });
    expect(roles.every((r) => !('space_id' in r))).toBe(true); // QUIRK kept
    expect(members.every((m) => !('user' in m))).toBe(true);
  });

  it('de-duplicates users in private form and orders dm_channels by last_message_id desc', () => {
    const ready = w.data.readySnapshot(w.id('alice'), false);
    const users = ready.users as Row[];
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(users).toHaveLength(9); // 8 humans + the bot
    expect(users.every((u) => 'is_admin' in u && !('password_hash' in u))).toBe(true);
    const dms = () => (w.data.readySnapshot(w.id('alice'), false).dm_channels as Row[]).map((c) => c.id);
    const [dm, group] = w.seeded.dms;
    expect(dms()).toEqual([group?.id, dm?.id]);
    const dmRecord = w.data.tables.channels.get(dm?.id ?? '');
    if (!dmRecord) throw new Error('no dm');
    insertMessage(w.ctx, dmRecord, w.id('bob'), { content: 'newer' });
    expect(dms()).toEqual([dm?.id, group?.id]);
    const first = (w.data.readySnapshot(w.id('alice'), false).dm_channels as Row[])[0];
    expect((first?.recipients as Row[]).map((u) => u.id).sort()).toEqual([w.id('alice'), w.id('bob')].sort());
  });

  it('lists unread channels, relationships and mutes', () => {
    const ready = w.data.readySnapshot(w.id('alice'), false);
    const unread = ready.unread as Row[];
    expect(unread.some((u) => u.channel_id === w.channel(0, 'general'))).toBe(false); // seeded as read
    expect(unread.some((u) => u.channel_id === w.channel(0, 'random'))).toBe(true);
    expect((ready.relationships as Row[]).map((r) => r.type).sort()).toEqual([1, 4]);
    expect(ready.mutes).toEqual([]);
    const bot = w.data.readySnapshot(w.seeded.bot.id, false);
    expect((bot.dm_channels as Row[]).length).toBe(0);
  });
});
