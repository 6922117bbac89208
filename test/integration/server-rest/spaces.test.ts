import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, errorOf, startRest } from './harness.js';

type SpaceRow = { id: string; name: string; slug: string; owner_id: string; public: boolean; description: string | null };

describe('REST spaces', () => {
  let h: RestHarness;
  beforeEach(async () => {
    h = await startRest();
  });
  afterEach(() => h.close());

  it('lists the public directory with member counts, without auth', async () => {
    const list = dataOf<{ id: string; member_count: number; slug: string }[]>(await h.call('GET', '/api/v1/spaces/public'));
    expect(list).toEqual([expect.objectContaining({ id: h.space(0).id, slug: 'lounge', member_count: 9, public: true })]);
  });

  it('creates a space: space.create to the creator, then member.join, role.create x3, channel.create, member.update', async () => {
    const frank = h.user('frank');
    const space = dataOf<SpaceRow>(await h.call('POST', '/api/v1/spaces', { token: frank.token, body: { name: 'Frank Zone', description: 'mine' } }));
    expect(space).toMatchObject({ name: 'Frank Zone', slug: 'frank-zone', owner_id: frank.id, public: false, verification_level: 'none' });
    expect(h.events.map((e) => e.type)).toEqual(['space.create', 'member.join', 'role.create', 'role.create', 'role.create', 'channel.create', 'member.update']);
    expect(h.events[0]).toMatchObject({ targetUserIds: [frank.id], data: { id: space.id } });
    expect(h.events[1]).toMatchObject({ spaceId: space.id, data: { space_id: space.id, user: { id: frank.id } } });
    const roles = h.eventsOf('role.create').map((e) => (e.data as { role: { name: string; position: number } }).role);
    expect(roles.map((r) => [r.name, r.position])).toEqual([['@everyone', 0], ['Moderator', 1], ['Admin', 2]]);
    expect(h.data.userSpaceIds(frank.id)).toContain(space.id);
    const bad = await h.call('POST', '/api/v1/spaces', { token: frank.token, body: { name: '' } });
    expect(bad.status).toBe(400);
    const dupSlug = await h.call('POST', '/api/v1/spaces', { token: frank.token, body: { name: 'x', slug: 'lounge' } });
    expect(dupSlug.status).toBe(409);
  });

  it('gets by id or slug; a private space is 403 for a non-member', async () => {
    expect(dataOf<SpaceRow>(await h.call('GET', '/api/v1/spaces/lounge')).id).toBe(h.space(0).id);
    expect(dataOf<SpaceRow>(await h.call('GET', `/api/v1/spaces/${h.space(1).id}`, { token: h.user('bob').token })).slug).toBe('dev-corner');
    expect((await h.call('GET', `/api/v1/spaces/${h.space(1).id}`, { token: h.user('frank').token })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/spaces/nope', { token: h.user('frank').token })).status).toBe(404);
  });

  it('patches with space.update (manage_space); refuses others and bad values', async () => {
    const id = h.space(0).id;
    const updated = dataOf<SpaceRow>(await h.call('PATCH', `/api/v1/spaces/${id}`, { token: h.user('alice').token, body: { name: 'The Lounge', description: null } }));
    expect(updated.name).toBe('The Lounge');
    expect(h.eventsOf('space.update')[0]).toMatchObject({ spaceId: id, data: { id, name: 'The Lounge', description: null } });
    const denied = await h.call('PATCH', `/api/v1/spaces/${id}`, { token: h.user('bob').token, body: { name: 'Mine' } });
    expect(denied.status).toBe(403);
    expect(errorOf(denied).message).toBe('missing permission: manage_space');
    expect((await h.call('PATCH', `/api/v1/spaces/${id}`, { token: h.user('alice').token, body: { system_channel_id: '1' } })).status).toBe(400);
  });

  it('deletes with space.delete (owner only)', async () => {
    const id = h.space(1).id;
    expect((await h.call('DELETE', `/api/v1/spaces/${id}`, { token: h.user('dave').token })).status).toBe(403);
    expect(dataOf(await h.call('DELETE', `/api/v1/spaces/${id}`, { token: h.user('bob').token }))).toBeNull();
    expect(h.eventsOf('space.delete')[0]).toMatchObject({ spaceId: id, data: { id } });
    expect(h.data.userSpaceIds(h.user('bob').id)).not.toContain(id);
    expect(h.data.channel(h.channel(1, 'backend').id)).toBeUndefined();
  });

  it('joins a public space with member.join, audit_log.create and a welcome message on the first-ever join; private is 403', async () => {
    const frank = h.user('frank');
    const fresh = dataOf<SpaceRow>(await h.call('POST', '/api/v1/spaces', { token: h.user('alice').token, body: { name: 'Fresh', public: true } }));
    h.events.length = 0;
    const joined = dataOf(await h.call('POST', `/api/v1/spaces/${fresh.id}/join`, { token: frank.token }));
    expect(joined).toEqual({ space_id: fresh.id });
    expect(h.events.map((e) => e.type)).toEqual(['member.join', 'audit_log.create', 'message.create']);
    expect(h.events[2]?.data).toMatchObject({ type: 'member_join', content: 'Frank joined the server.', author_id: frank.id, space_id: fresh.id });
    h.events.length = 0;
    await h.call('POST', `/api/v1/spaces/${fresh.id}/join`, { token: frank.token });
    expect(h.events).toHaveLength(0);
    expect((await h.call('POST', `/api/v1/spaces/${h.space(1).id}/join`, { token: frank.token })).status).toBe(403);
  });

  it('a rejoin after leaving gets member.join and audit_log.create but no second welcome message', async () => {
    const frank = h.user('frank'); // a seeded member of the lounge
    await h.call('DELETE', `/api/v1/spaces/${h.space(0).id}/members/@me`, { token: frank.token });
    h.events.length = 0;
    expect(dataOf(await h.call('POST', '/api/v1/spaces/lounge/join', { token: frank.token }))).toEqual({ space_id: h.space(0).id });
    expect(h.events.map((e) => e.type)).toEqual(['member.join', 'audit_log.create']);
    const registered = dataOf<{ user: { id: string }; token: string }>(
      await h.call('POST', '/api/v1/auth/register', { body: { username: 'newcomer', password: 'password1' } }),
    );
    const welcomes = () => h.eventsOf('message.create').filter((e) => (e.data as { author_id: string }).author_id === registered.user.id);
    expect(welcomes()).toHaveLength(1);
    await h.call('DELETE', `/api/v1/spaces/${h.space(0).id}/members/@me`, { token: registered.token });
    await h.call('POST', '/api/v1/spaces/lounge/join', { token: registered.token });
    expect(welcomes()).toHaveLength(1);
    expect(h.data.userSpaceIds(registered.user.id)).toEqual([h.space(0).id]);
  });
});
