import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, startRest } from './harness.js';

type Member = { user_id: string; nickname: string | null; roles: string[]; permissions: null; user?: Record<string, unknown> };
type Page = { data: Member[]; cursor?: { after: string; has_more: boolean } };

describe('REST members', () => {
  let h: RestHarness;
  let space: string;
  beforeEach(async () => {
    h = await startRest();
    space = h.space(0).id;
  });
  afterEach(() => h.close());

  it('pages by user_id with a cursor only when more pages exist', async () => {
    const token = h.user('bob').token;
    const first = (await h.call('GET', `/api/v1/spaces/${space}/members?limit=5`, { token })).body as Page;
    expect(first.data).toHaveLength(5);
    const ids = first.data.map((m) => m.user_id);
    expect(ids).toEqual([...ids].sort((a, b) => a.length - b.length || a.localeCompare(b)));
    expect(first.cursor).toEqual({ after: ids[4], has_more: true });
    const rest = (await h.call('GET', `/api/v1/spaces/${space}/members?limit=5&after=${ids[4]}&with_user=true`, { token })).body as Page;
    expect(rest.data).toHaveLength(4);
    expect(rest.cursor).toBeUndefined();
    expect(rest.data[0]?.user).toBeDefined();
    expect(rest.data[0]?.user).not.toHaveProperty('is_admin');
    expect(first.data[0]).not.toHaveProperty('user');
    expect((await h.call('GET', `/api/v1/spaces/${space}/members?limit=abc`, { token })).status).toBe(400);
    expect((await h.call('GET', `/api/v1/spaces/${h.space(1).id}/members`, { token: h.user('frank').token })).status).toBe(403);
  });

  it('gets one member', async () => {
    const bob = h.user('bob');
    const member = dataOf<Member>(await h.call('GET', `/api/v1/spaces/${space}/members/${bob.id}`, { token: bob.token }));
    expect(member).toMatchObject({ user_id: bob.id, roles: [], permissions: null });
  });

  it('patches a nickname with member.update (manage_nicknames); others are refused', async () => {
    const bob = h.user('bob');
    const member = dataOf<Member>(await h.call('PATCH', `/api/v1/spaces/${space}/members/${bob.id}`, { token: h.user('carol').token, body: { nickname: 'Bobby' } }));
    expect(member.nickname).toBe('Bobby');
    expect(h.eventsOf('member.update')[0]).toMatchObject({ spaceId: space, data: { user_id: bob.id, nickname: 'Bobby' } });
    const denied = await h.call('PATCH', `/api/v1/spaces/${space}/members/${h.user('carol').id}`, { token: bob.token, body: { nickname: 'x' } });
    expect(denied.status).toBe(403);
    const tooLong = await h.call('PATCH', `/api/v1/spaces/${space}/members/${bob.id}`, { token: h.user('alice').token, body: { nickname: 'x'.repeat(40) } });
    expect(tooLong.status).toBe(400);
  });

  it('patches own nickname via @me', async () => {
    const bob = h.user('bob');
    dataOf(await h.call('PATCH', `/api/v1/spaces/${space}/members/@me`, { token: bob.token, body: { nickname: 'B' } }));
    expect(h.eventsOf('member.update')[0]?.data).toMatchObject({ user_id: bob.id, nickname: 'B' });
  });

  it('leaves with member.leave; the owner cannot leave', async () => {
    const bob = h.user('bob');
    dataOf(await h.call('DELETE', `/api/v1/spaces/${space}/members/@me`, { token: bob.token }));
    expect(h.eventsOf('member.leave')[0]).toMatchObject({ spaceId: space, data: { space_id: space, user_id: bob.id } });
    expect(h.data.userSpaceIds(bob.id)).toEqual([h.space(1).id]);
    expect((await h.call('DELETE', `/api/v1/spaces/${space}/members/@me`, { token: h.user('alice').token })).status).toBe(400);
  });

  it('kicks with member.leave (kick_members and hierarchy)', async () => {
    const frank = h.user('frank');
    expect((await h.call('DELETE', `/api/v1/spaces/${space}/members/${frank.id}`, { token: h.user('bob').token })).status).toBe(403);
    expect((await h.call('DELETE', `/api/v1/spaces/${space}/members/${h.user('alice').id}`, { token: h.user('carol').token })).status).toBe(403);
    dataOf(await h.call('DELETE', `/api/v1/spaces/${space}/members/${frank.id}`, { token: h.user('carol').token }));
    expect(h.eventsOf('member.leave')[0]?.data).toEqual({ space_id: space, user_id: frank.id });
  });

  it('adds and removes a role with member.update (manage_roles)', async () => {
    const frank = h.user('frank');
    const moderator = h.data.tables.roles.where('space', space).find((r) => r.name === 'Moderator');
    if (!moderator) throw new Error('no moderator role');
    const path = `/api/v1/spaces/${space}/members/${frank.id}/roles/${moderator.id}`;
    expect((await h.call('PUT', path, { token: h.user('carol').token })).status).toBe(403);
    await h.call('PUT', path, { token: h.user('alice').token });
    expect(h.eventsOf('member.update')[0]?.data).toMatchObject({ user_id: frank.id, roles: [moderator.id] });
    await h.call('DELETE', path, { token: h.user('alice').token });
    expect(h.eventsOf('member.update')[1]?.data).toMatchObject({ user_id: frank.id, roles: [] });
    expect((await h.call('PUT', `/api/v1/spaces/${space}/members/${frank.id}/roles/123`, { token: h.user('alice').token })).status).toBe(404);
  });
});
