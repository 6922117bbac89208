import { beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/server/data/ids.js';
import { muteChannel } from '../../../src/server/data/services/channel-state.js';
import type { World } from './world.js';
import { demoWorld } from './world.js';

describe('GatewayData', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  it('resolves exact Bearer / Bot prefixes only', () => {
    const alice = w.seeded.users[0];
    if (!alice) throw new Error('no alice');
    expect(w.data.resolveToken(`Bearer ${alice.token}`)).toEqual({ userId: alice.id, kind: 'user' });
    expect(w.data.resolveToken(`Bot ${w.seeded.bot.token}`)).toEqual({ userId: w.seeded.bot.id, kind: 'bot' });
    for (const bad of [alice.token, `bearer ${alice.token}`, `Bearer  ${alice.token}`, `Bot ${alice.token}`, `Bearer ${w.seeded.bot.token}`, '']) {
      expect(w.data.resolveToken(bad)).toBeNull();
    }
  });

  it('rejects expired tokens (30 days) and disabled users', () => {
    const bob = w.seeded.users[1];
    if (!bob) throw new Error('no bob');
    const stored = w.data.tables.userTokens.get(sha256Hex(bob.token));
    expect(stored && stored.expires_at_ms - stored.created_at_ms).toBe(30 * 24 * 3600 * 1000);
    const user = w.data.tables.users.get(bob.id);
    if (!user) throw new Error('no bob row');
    w.data.tables.users.put({ ...user, disabled: true });
    expect(w.data.resolveToken(`Bearer ${bob.token}`)).toBeNull();
    w.data.tables.users.put({ ...user, disabled: false });
    w.clock.advance(30 * 24 * 3600 * 1000 + 1);
    expect(w.data.resolveToken(`Bearer ${bob.token}`)).toBeNull();
  });

  it('effective mutes include the children of a muted category', () => {
    const lounge = w.seeded.spaces[0];
    const category = lounge?.channels.find((c) => c.type === 'category');
    if (!category) throw new Error('no category');
    muteChannel(w.ctx, w.id('bob'), category.id);
    const children = w.data.tables.channels.where('space', lounge?.id ?? '').filter((c) => c.parent_id === category.id).map((c) => c.id);
    expect(children.length).toBeGreaterThan(0);
    expect(w.data.effectiveMutes(w.id('bob'))).toEqual(new Set([category.id, ...children]));
  });

  it('answers channel, dmParticipants, friendIds, userSpaceIds, displayName', () => {
    const dm = w.seeded.dms[0];
    expect(w.data.channel(dm?.id ?? '')).toMatchObject({ type: 'dm', space_id: null });
    expect(new Set(w.data.dmParticipants(dm?.id ?? ''))).toEqual(new Set([w.id('alice'), w.id('bob')]));
    expect(w.data.dmParticipants(w.channel(0, 'general'))).toEqual([]);
    expect(w.data.friendIds(w.id('alice'))).toEqual([w.id('bob')]);
    expect(w.data.userSpaceIds(w.id('frank'))).toEqual([w.seeded.spaces[0]?.id]);
    expect(w.data.displayName(w.id('carol'))).toBe('Carol');
  });

  it('spaceMembers embeds public users; anonymousCount floors at zero', () => {
    const members = w.data.spaceMembers?.(w.seeded.spaces[1]?.id ?? '') ?? [];
    expect(members).toHaveLength(5);
    expect(members[0]?.user).toBeDefined();
    expect(members[0]?.user).not.toHaveProperty('is_admin');
    expect(w.data.anonymousCount?.('s', 2)).toBe(2);
    expect(w.data.anonymousCount?.('s', -5)).toBe(0);
  });
});
