import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, startRest } from './harness.js';

type Role = { id: string; name: string; position: number; permissions: string[]; color: number };

describe('REST roles', () => {
  let h: RestHarness;
  let space: string;
  let alice: string;
  beforeEach(async () => {
    h = await startRest();
    space = h.space(0).id;
    alice = h.user('alice').token;
  });
  afterEach(() => h.close());

  it('lists by position, without space_id', async () => {
    const roles = dataOf<Role[]>(await h.call('GET', `/api/v1/spaces/${space}/roles`, { token: h.user('bob').token }));
    expect(roles.map((r) => r.name)).toEqual(['@everyone', 'Moderator', 'Admin']);
    expect(roles[0]).not.toHaveProperty('space_id');
    expect((await h.call('GET', `/api/v1/spaces/${h.space(1).id}/roles`, { token: h.user('frank').token })).status).toBe(403);
  });

  it('creates (role.create), updates (role.update), deletes (role.delete) and validates', async () => {
    const role = dataOf<Role>(await h.call('POST', `/api/v1/spaces/${space}/roles`, { token: alice, body: { name: 'DJ', color: 255, permissions: ['use_soundboard'] } }));
    expect(role).toMatchObject({ name: 'DJ', color: 255, position: 3, permissions: ['use_soundboard'] });
    expect(h.eventsOf('role.create')[0]).toMatchObject({ spaceId: space, data: { space_id: space, role: { id: role.id, name: 'DJ' } } });
    const updated = dataOf<Role>(await h.call('PATCH', `/api/v1/spaces/${space}/roles/${role.id}`, { token: alice, body: { name: 'Disc Jockey' } }));
    expect(updated.name).toBe('Disc Jockey');
    expect(h.eventsOf('role.update')[0]?.data).toMatchObject({ space_id: space, role: { id: role.id, name: 'Disc Jockey' } });
    await h.call('DELETE', `/api/v1/spaces/${space}/roles/${role.id}`, { token: alice });
    expect(h.eventsOf('role.delete')[0]?.data).toEqual({ space_id: space, role_id: role.id });
    expect((await h.call('POST', `/api/v1/spaces/${space}/roles`, { token: alice, body: { permissions: ['fly'] } })).status).toBe(400);
    const everyone = h.data.tables.roles.where('space', space).find((r) => r.position === 0);
    expect((await h.call('DELETE', `/api/v1/spaces/${space}/roles/${everyone?.id}`, { token: alice })).status).toBe(400);
  });

  it('requires manage_roles and respects hierarchy', async () => {
    expect((await h.call('POST', `/api/v1/spaces/${space}/roles`, { token: h.user('carol').token, body: { name: 'x' } })).status).toBe(403);
    const admin = h.data.tables.roles.where('space', space).find((r) => r.name === 'Admin');
    await h.call('PATCH', `/api/v1/spaces/${space}/roles/${h.data.tables.roles.where('space', space).find((r) => r.name === 'Moderator')?.id}`, {
      token: alice,
      body: { permissions: ['manage_roles'] },
    });
    const above = await h.call('PATCH', `/api/v1/spaces/${space}/roles/${admin?.id}`, { token: h.user('carol').token, body: { name: 'Boss' } });
    expect(above.status).toBe(403);
  });

  it('reorders with role.update for each moved role', async () => {
    const roles = h.data.tables.roles.where('space', space);
    const moderator = roles.find((r) => r.name === 'Moderator');
    const admin = roles.find((r) => r.name === 'Admin');
    const list = dataOf<Role[]>(
      await h.call('PATCH', `/api/v1/spaces/${space}/roles`, { token: alice, body: [{ id: moderator?.id, position: 2 }, { id: admin?.id, position: 1 }] }),
    );
    expect(list.map((r) => r.name)).toEqual(['@everyone', 'Admin', 'Moderator']);
    expect(h.eventsOf('role.update')).toHaveLength(2);
    expect((await h.call('PATCH', `/api/v1/spaces/${space}/roles`, { token: alice, body: [{ id: admin?.id, position: 0 }] })).status).toBe(400);
  });
});
