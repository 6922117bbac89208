import { describe, expect, it } from 'vitest';
import { flush } from './fake-client.js';
import { channel, member, role, space, user } from './fixtures.js';
import { setup } from './harness.js';

describe('member.join', () => {
  it('caches the embedded user instead of fetching and adds a member', async () => {
    const h = await setup();
    h.client.emit('member.join', { space_id: 's1', user: user('u5', { display_name: 'Five' }), joined_at: '2024-05-05 00:00:00' });
    expect(h.client.rest.getUser).not.toHaveBeenCalled();
    expect(h.store.user('u5')?.display_name).toBe('Five');
    const joined = h.store.member('s1', 'u5');
    expect(joined).toMatchObject({ user_id: 'u5', space_id: 's1', joined_at: '2024-05-05 00:00:00', roles: [], nickname: null, status: 'offline' });
    expect(h.signals).toEqual([
      ['userUpdated', 'u5'],
      ['membersUpdated', 's1'],
    ]);
  });

  it('fetches the user of a federated join ({space_id, user_id})', async () => {
    const h = await setup();
    h.client.rest.getUser.mockResolvedValue(user('u6@remote'));
    h.client.emit('member.join', { space_id: 's1', user_id: 'u6@remote' });
    expect(h.store.member('s1', 'u6@remote')?.user_id).toBe('u6@remote');
    await flush();
    expect(h.client.rest.getUser).toHaveBeenCalledWith('u6@remote');
    expect(h.store.user('u6@remote')?.id).toBe('u6@remote');
  });

  it('does not duplicate an existing member', async () => {
    const h = await setup();
    h.client.emit('member.join', { space_id: 's1', user: user('u2'), joined_at: 'later' });
    expect(h.store.members('s1').filter((m) => m.user_id === 'u2')).toHaveLength(1);
  });

  it('loads a space I just joined over REST', async () => {
    const h = await setup();
    h.client.rest.getSpace.mockResolvedValue(space('s9'));
    h.client.rest.listSpaceChannels.mockResolvedValue([channel('c9', 's9')]);
    h.client.rest.listMembers.mockResolvedValue([member('s9', 'u1'), member('s9', 'u2')]);
    h.client.rest.listRoles.mockResolvedValue([role('r9', 0)]);
    h.client.emit('member.join', { space_id: 's9', user: user('u1'), joined_at: 'now' });
    await flush();
    expect(h.store.space('s9')?.id).toBe('s9');
    expect(h.conn.spaceIds).toEqual(['s1', 's9']);
    expect(h.store.channels('s9').map((c) => c.id)).toEqual(['c9']);
    expect(h.store.members('s9').map((m) => m.user_id)).toEqual(['u1', 'u2']);
    expect(h.store.roles('s9').map((r) => r.id)).toEqual(['r9']);
    expect(h.signals).toContainEqual(['spacesUpdated']);
  });
});

describe('member.leave', () => {
  it('removes by user_id', async () => {
    const h = await setup();
    h.client.emit('member.leave', { space_id: 's1', user_id: 'u2' });
    expect(h.store.member('s1', 'u2')).toBeUndefined();
    expect(h.signals).toEqual([['membersUpdated', 's1']]);
  });

  it('removes by user.id when user_id is absent', async () => {
    const h = await setup();
    h.client.emit('member.leave', { space_id: 's1', user: { id: 'u3' } });
    expect(h.store.member('s1', 'u3')).toBeUndefined();
    expect(h.store.members('s1').map((m) => m.user_id)).toEqual(['u1', 'u2']);
    expect(h.signals).toEqual([['membersUpdated', 's1']]);
  });

  it('drops the whole space when I leave it', async () => {
    const h = await setup();
    h.client.emit('member.leave', { space_id: 's1', user_id: 'u1' });
    expect(h.store.space('s1')).toBeUndefined();
    expect(h.store.channels('s1')).toEqual([]);
    expect(h.store.channel('c1')).toBeUndefined();
    expect(h.conn.spaceIds).toEqual([]);
    // u2 was online and shares no other space with me: it now reads offline (presence-unobserved.test.ts)
    expect(h.signals).toEqual([['userUpdated', 'u2'], ['membersUpdated', 's1'], ['spacesUpdated']]);
  });
});

describe('member.update / member.chunk', () => {
  it('replaces the member, keeping its tracked status', async () => {
    const h = await setup();
    h.client.emit('member.update', member('s1', 'u2', { nickname: 'Two', roles: ['r1'] }));
    expect(h.store.member('s1', 'u2')).toMatchObject({ nickname: 'Two', roles: ['r1'], status: 'online' });
    expect(h.store.members('s1')).toHaveLength(3);
    expect(h.signals).toEqual([['membersUpdated', 's1']]);
  });

  it('merges an update into the cached member: its user link and status stay, unchanged values are not replaced', async () => {
    const h = await setup();
    const before = h.store.member('s1', 'u2');
    const joinedAt = before?.joined_at;
    h.client.emit('member.update', member('s1', 'u2', { nickname: 'Two', roles: ['r1'], user: undefined, status: 'offline' }));
    const after = h.store.member('s1', 'u2');
    expect(after).toBe(before);
    expect(after?.user).toBe(h.store.user('u2'));
    expect(after?.status).toBe('online');
    expect(after?.joined_at).toBe(joinedAt);
    h.client.emit('member.update', member('s1', 'u2', { nickname: null, roles: [] }));
    expect(h.store.member('s1', 'u2')).toMatchObject({ nickname: null, roles: [], status: 'online' });
  });

  it('signals membersUpdated only when the update changed something (issue 15)', async () => {
    const h = await setup();
    const update = member('s1', 'u2', { nickname: 'Two', roles: ['r1'], user: undefined });
    h.client.emit('member.update', structuredClone(update));
    expect(h.signals).toEqual([['membersUpdated', 's1']]);
    h.clearSignals();
    // The same state again (a PATCH that set what was set): nothing changed, nothing to re-render.
    h.client.emit('member.update', structuredClone(update));
    expect(h.signals).toEqual([]);
    // A member.update carrying an unchanged user: still nothing.
    const cachedUser = h.store.user('u2');
    if (!cachedUser) throw new Error('u2 not cached');
    h.client.emit('member.update', { ...structuredClone(update), user: structuredClone(cachedUser) });
    expect(h.signals).toEqual([]);
    // The user embedded in it changed: the member's view changed.
    h.client.emit('member.update', { ...structuredClone(update), user: { ...structuredClone(cachedUser), display_name: 'Deux' } });
    expect(h.signals).toEqual([['membersUpdated', 's1']]);
    expect(h.store.member('s1', 'u2')?.user?.display_name).toBe('Deux');
    h.clearSignals();
    h.client.emit('member.update', { ...structuredClone(update), roles: [] });
    expect(h.signals).toEqual([['membersUpdated', 's1']]);
    expect(h.store.member('s1', 'u2')?.roles).toEqual([]);
  });

  it('adds a late-arriving member', async () => {
    const h = await setup();
    h.client.emit('member.update', member('s1', 'u8'));
    expect(h.store.members('s1').map((m) => m.user_id)).toEqual(['u1', 'u2', 'u3', 'u8']);
  });

  it('chunk caches embedded users and de-duplicates members', async () => {
    const h = await setup();
    h.client.emit('member.chunk', {
      space_id: 's1',
      members: [member('s1', 'u2', { nickname: 'again', user: user('u2') }), member('s1', 'u9', { user: user('u9', { display_name: 'Nine' }) })],
      chunk_index: 0,
      chunk_count: 1,
    });
    expect(h.store.members('s1').map((m) => m.user_id)).toEqual(['u1', 'u2', 'u3', 'u9']);
    expect(h.store.member('s1', 'u2')?.nickname).toBe('again');
    expect(h.store.user('u9')?.display_name).toBe('Nine');
    expect(h.signals).toEqual([['membersUpdated', 's1']]);
  });
});

describe('members joined with users', () => {
  it('READY members carry their cached user; later user updates show through', async () => {
    const h = await setup();
    expect(h.store.member('s1', 'u2')?.user).toBe(h.store.user('u2'));
    h.client.emit('user.update', { ...user('u2'), display_name: 'Two' });
    expect(h.store.member('s1', 'u2')?.user?.display_name).toBe('Two');
  });

  it('joined, updated and late-fetched members are linked too', async () => {
    const h = await setup();
    h.client.emit('member.join', { space_id: 's1', user: user('u5'), joined_at: 'now' });
    expect(h.store.member('s1', 'u5')?.user).toBe(h.store.user('u5'));
    h.client.emit('member.update', member('s1', 'u3', { nickname: 'Three' }));
    expect(h.store.member('s1', 'u3')?.user).toBe(h.store.user('u3'));
    h.client.rest.getUser.mockResolvedValue(user('u6'));
    h.client.emit('member.join', { space_id: 's1', user_id: 'u6' });
    expect(h.store.member('s1', 'u6')?.user).toBeUndefined();
    await flush();
    expect(h.store.member('s1', 'u6')?.user).toBe(h.store.user('u6'));
  });
});
