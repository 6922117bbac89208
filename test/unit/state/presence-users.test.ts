import { describe, expect, it } from 'vitest';
import { readyData, space, member, user } from './fixtures.js';
import { setup } from './harness.js';

describe('presence.update', () => {
  it('hydrates statuses from READY (invisible reads as offline)', async () => {
    const h = await setup({
      ready: readyData({
        presences: [
          { user_id: 'u2', status: 'online', client_status: {}, activities: [] },
          { user_id: 'u3', status: 'invisible', client_status: {}, activities: [] },
        ],
      }),
    });
    expect(h.store.user('u2')?.status).toBe('online');
    expect(h.store.user('u3')?.status).toBe('offline');
    expect(h.store.member('s1', 'u2')?.status).toBe('online');
    expect(h.store.member('s1', 'u1')?.status).toBe('offline');
  });

  it('sets the user status and the member status in every space of the connection', async () => {
    const h = await setup({
      ready: readyData({
        spaces: [space('s1'), space('s2')],
        members: [member('s1', 'u1'), member('s1', 'u3'), member('s2', 'u1'), member('s2', 'u3')],
        roles: [],
      }),
    });
    h.clearSignals();
    h.client.emit('presence.update', { user_id: 'u3', status: 'dnd', client_status: { desktop: 'dnd' }, activities: [] });
    expect(h.store.user('u3')?.status).toBe('dnd');
    expect(h.store.member('s1', 'u3')?.status).toBe('dnd');
    expect(h.store.member('s2', 'u3')?.status).toBe('dnd');
    expect(h.signals).toEqual([
      ['userUpdated', 'u3'],
      ['membersUpdated', 's1'],
      ['membersUpdated', 's2'],
    ]);
  });

  it('is idempotent: a duplicate copy changes nothing and emits nothing', async () => {
    const h = await setup();
    const presence = { user_id: 'u3', status: 'idle', client_status: { desktop: 'idle' }, activities: [] };
    h.client.emit('presence.update', presence);
    h.clearSignals();
    h.client.emit('presence.update', presence);
    expect(h.signals).toEqual([]);
    expect(h.store.user('u3')?.status).toBe('idle');
  });

  it('a user.update copy that changes nothing signals nothing (one copy per shared space, protocol §2.4)', async () => {
    const h = await setup();
    h.client.emit('user.update', user('u3', { display_name: 'Three' }));
    expect(h.signals).toContainEqual(['userUpdated', 'u3']);
    h.clearSignals();
    h.client.emit('user.update', user('u3', { display_name: 'Three' }));
    expect(h.signals).toEqual([]);
    expect(h.store.user('u3')?.display_name).toBe('Three');
  });

  it('a copy that changes nothing keeps the cached presence; a change replaces it, sharing what stayed', async () => {
    const h = await setup();
    h.client.emit('presence.update', { user_id: 'u3', status: 'idle', client_status: { desktop: 'idle' }, activities: [] });
    const first = h.store.presence('u3');
    h.client.emit('presence.update', { user_id: 'u3', status: 'idle', client_status: { desktop: 'idle' }, activities: [] });
    expect(h.store.presence('u3')).toBe(first);
    h.client.emit('presence.update', { user_id: 'u3', status: 'dnd', client_status: { desktop: 'idle' }, activities: [] });
    const second = h.store.presence('u3');
    expect(second).not.toBe(first);
    expect(second?.status).toBe('dnd');
    expect(second?.client_status).toBe(first?.client_status);
    expect(second?.activities).toBe(first?.activities);
    h.client.emit('presence.update', { user_id: 'u3', status: 'dnd', client_status: { mobile: 'dnd' }, activities: [] });
    expect(h.store.presence('u3')?.client_status).toEqual({ mobile: 'dnd' });
  });

  it('a cached user re-cached by a later event keeps the status presences gave it', async () => {
    const h = await setup();
    h.client.emit('presence.update', { user_id: 'u3', status: 'dnd', client_status: {}, activities: [] });
    h.client.emit('user.update', user('u3', { display_name: 'Three' }));
    h.client.emit('member.join', { space_id: 's2', user: user('u3'), joined_at: 'now' });
    h.client.emit('member.update', member('s1', 'u3', { nickname: 'T' }));
    expect(h.store.user('u3')?.status).toBe('dnd');
    expect(h.store.member('s1', 'u3')?.status).toBe('dnd');
    h.client.emit('presence.update', { user_id: 'u3', status: 'online', client_status: {}, activities: [] });
    expect(h.store.user('u3')?.status).toBe('online');
    expect(h.store.member('s1', 'u3')?.status).toBe('online');
  });

  it('a cached user carries its status; only uncached users are kept in the statuses map', async () => {
    const h = await setup({
      ready: readyData({
        presences: [
          { user_id: 'u2', status: 'online', client_status: {}, activities: [] },
          { user_id: 'u7', status: 'idle', client_status: {}, activities: [] },
        ],
      }),
    });
    const statuses = h.conn.cache.statuses;
    expect(h.store.user('u2')?.status).toBe('online');
    expect(Array.from(statuses.keys())).toEqual(['u7']);
    h.client.emit('member.join', { space_id: 's1', user: user('u7'), joined_at: 'now' });
    expect(h.store.user('u7')?.status).toBe('idle');
    expect(h.store.member('s1', 'u7')?.status).toBe('idle');
    expect(statuses.size).toBe(0);
  });

  it('remembers the status of a user it does not hold yet', async () => {
    const h = await setup();
    h.client.emit('presence.update', { user_id: 'u7', status: 'online', client_status: {}, activities: [] });
    h.client.emit('member.join', { space_id: 's1', user: user('u7'), joined_at: 'now' });
    expect(h.store.user('u7')?.status).toBe('online');
    expect(h.store.member('s1', 'u7')?.status).toBe('online');
  });
});

describe('user.update', () => {
  it('merges the public user, keeping the cached status and private fields', async () => {
    const h = await setup({ ready: readyData({ users: [user('u1'), user('u2', { is_admin: true, flags: 4 }), user('u3')] }) });
    h.clearSignals();
    h.client.emit('user.update', { id: 'u2', username: 'renamed', display_name: 'Renamed', avatar: null, bot: false, system: false });
    const cached = h.store.user('u2');
    expect(cached?.username).toBe('renamed');
    expect(cached?.display_name).toBe('Renamed');
    expect(cached?.status).toBe('online');
    expect(cached?.is_admin).toBe(true);
    expect(cached?.flags).toBe(4);
    expect(h.signals).toEqual([['userUpdated', 'u2']]);
  });

  it('refreshes the current user', async () => {
    const h = await setup();
    h.client.emit('user.update', { id: 'u1', username: 'me_now', display_name: 'Me', avatar: null, bot: false, system: false });
    expect(h.conn.user?.username).toBe('me_now');
    expect(h.store.currentUser?.display_name).toBe('Me');
    expect(h.store.currentUser).toBe(h.store.user('u1'));
  });
});
