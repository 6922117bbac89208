import { describe, expect, it } from 'vitest';
import type { BusEvent } from '../../../src/server/contracts.js';
import { joinSpace, removeMember } from '../../../src/server/data/services/membership.js';
import { insertSpace } from '../../../src/server/data/services/spaces.js';
import { demoWorld } from './world.js';

/** The event published right after the `member.join` of `userId` in `spaceId`. */
function afterJoin(events: readonly BusEvent[], userId: string, spaceId: string): BusEvent | undefined {
  const at = events.findIndex((e) => e.type === 'member.join' && e.spaceId === spaceId && (e.data as { user: { id: string } }).user.id === userId);
  return at === -1 ? undefined : events[at + 1];
}

describe('presence on (re-)join (superset, DEVIATIONS.md)', () => {
  it('joinSpace publishes the joiner stored presence to the space right after member.join', async () => {
    const w = await demoWorld();
    const spaceId = w.seeded.spaces[0]?.id ?? '';
    const userId = w.id('bob');
    w.gateway.live.presences.set(userId, { status: 'dnd', activities: [{ name: 'Chess' }] });
    removeMember(w.ctx, spaceId, userId);
    w.gateway.events.length = 0;

    expect(joinSpace(w.ctx, spaceId, userId, 'public')).toBe(true);
    expect(afterJoin(w.gateway.events, userId, spaceId)).toEqual({
      type: 'presence.update',
      spaceId,
      data: { user_id: userId, status: 'dnd', client_status: { desktop: 'dnd' }, activities: [{ name: 'Chess' }] },
    });
  });

  it('joinSpace publishes no presence for a user without a stored presence', async () => {
    const w = await demoWorld();
    const spaceId = w.seeded.spaces[0]?.id ?? '';
    const userId = w.id('bob');
    removeMember(w.ctx, spaceId, userId);
    w.gateway.events.length = 0;
    joinSpace(w.ctx, spaceId, userId, 'invite');
    expect(w.gateway.events.map((e) => e.type)).toContain('member.join');
    expect(w.gateway.events.filter((e) => e.type === 'presence.update')).toEqual([]);
  });

  it('insertSpace publishes the creator stored presence right after their member.join', async () => {
    const w = await demoWorld();
    const userId = w.id('alice');
    w.gateway.live.presences.set(userId, { status: 'idle', activities: [] });
    const space = insertSpace(w.ctx, userId, { name: 'Fresh' });
    expect(afterJoin(w.gateway.events, userId, space.id)).toMatchObject({ type: 'presence.update', spaceId: space.id, data: { user_id: userId, status: 'idle' } });
  });
});
