import { beforeEach, describe, expect, it } from 'vitest';
import { channelPermissions, hasSpacePermission } from '../../../src/server/data/permissions.js';
import { putOverwrite } from '../../../src/server/data/services/channels.js';
import { patchMember } from '../../../src/server/data/services/members.js';
import type { World } from './world.js';
import { demoWorld } from './world.js';

describe('permissions', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  it('owner and instance admin have everything; plain members only @everyone', () => {
    const lounge = w.seeded.spaces[0]?.id ?? '';
    const dev = w.seeded.spaces[1]?.id ?? '';
    expect(hasSpacePermission(w.data.tables, lounge, w.id('alice'), 'ban_members')).toBe(true); // owner
    expect(hasSpacePermission(w.data.tables, dev, w.id('alice'), 'ban_members')).toBe(true); // instance admin
    expect(hasSpacePermission(w.data.tables, lounge, w.id('bob'), 'ban_members')).toBe(false);
    expect(hasSpacePermission(w.data.tables, lounge, w.id('bob'), 'send_messages')).toBe(true);
    expect(hasSpacePermission(w.data.tables, lounge, w.id('carol'), 'kick_members')).toBe(true); // moderator
    expect(hasSpacePermission(w.data.tables, dev, w.id('frank'), 'view_channel')).toBe(false); // not a member
  });

  it('applies role overwrites, then the member overwrite', () => {
    const general = w.channel(0, 'general');
    const lounge = w.seeded.spaces[0]?.id ?? '';
    const everyone = w.data.tables.roles.where('space', lounge).find((r) => r.position === 0);
    putOverwrite(w.ctx, w.id('alice'), general, everyone?.id ?? '', { type: 'role', allow: [], deny: ['send_messages'] });
    expect(w.data.hasChannelPermission(w.id('bob'), general, 'send_messages')).toBe(false);
    expect(w.data.hasChannelPermission(w.id('alice'), general, 'send_messages')).toBe(true); // owner bypasses
    putOverwrite(w.ctx, w.id('alice'), general, w.id('bob'), { type: 'member', allow: ['send_messages'], deny: [] });
    expect(w.data.hasChannelPermission(w.id('bob'), general, 'send_messages')).toBe(true);
    expect(w.data.hasChannelPermission(w.id('erin'), general, 'send_messages')).toBe(false);
  });

  it('DM participants may talk and connect; others may not', () => {
    const dm = w.seeded.dms[0]?.id ?? '';
    expect(w.data.hasChannelPermission(w.id('bob'), dm, 'connect')).toBe(true);
    expect(w.data.hasChannelPermission(w.id('bob'), dm, 'manage_messages')).toBe(false);
    const record = w.data.tables.channels.get(dm);
    if (!record) throw new Error('no dm');
    expect(channelPermissions(w.data.tables, record, w.id('frank')).size).toBe(0);
  });

  it('isTimedOut follows timed_out_until against the clock', () => {
    const lounge = w.seeded.spaces[0]?.id ?? '';
    const until = new Date(w.clock.now() + 60_000).toISOString();
    const member = patchMember(w.ctx, w.id('alice'), lounge, w.id('bob'), { communication_disabled_until: until });
    expect(member.timed_out_until).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(w.data.isTimedOut(w.id('bob'), lounge)).toBe(true);
    w.clock.advance(61_000);
    expect(w.data.isTimedOut(w.id('bob'), lounge)).toBe(false);
  });
});
