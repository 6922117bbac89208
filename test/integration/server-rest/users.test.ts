import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, startRest } from './harness.js';

describe('REST users, DMs and relationships', () => {
  let h: RestHarness;
  beforeEach(async () => {
    h = await startRest();
  });
  afterEach(() => h.close());

  it('GET @me is private; another user is public (no is_admin, flags...)', async () => {
    const me = dataOf<Record<string, unknown>>(await h.call('GET', '/api/v1/users/@me', { token: h.user('alice').token }));
    expect(me).toMatchObject({ username: 'alice', is_admin: true, flags: 0 });
    expect(me).not.toHaveProperty('password_hash');
    const other = dataOf<Record<string, unknown>>(await h.call('GET', `/api/v1/users/${h.user('alice').id}`, { token: h.user('bob').token }));
    expect(other.username).toBe('alice');
    for (const key of ['is_admin', 'mfa_enabled', 'disabled', 'flags', 'password_hash']) expect(other).not.toHaveProperty(key);
    expect((await h.call('GET', '/api/v1/users/999', { token: h.user('bob').token })).status).toBe(404);
  });

  it('PATCH @me emits user.update (public form) per space plus one to self, friends and DM peers', async () => {
    const alice = h.user('alice');
    const updated = dataOf<Record<string, unknown>>(await h.call('PATCH', '/api/v1/users/@me', { token: alice.token, body: { display_name: 'Al', bio: 'hi' } }));
    expect(updated).toMatchObject({ display_name: 'Al', is_admin: true });
    const events = h.eventsOf('user.update');
    expect(events.filter((e) => e.spaceId).map((e) => e.spaceId).sort()).toEqual([h.space(0).id, h.space(1).id].sort());
    const targeted = events.find((e) => e.targetUserIds);
    const expected = new Set([alice.id, h.user('bob').id, h.user('carol').id, h.user('dave').id]);
    expect(new Set(targeted?.targetUserIds)).toEqual(expected);
    expect(targeted?.data).not.toHaveProperty('is_admin');
    expect((targeted?.data as { display_name: string }).display_name).toBe('Al');
  });

  it('PATCH @me validates lengths and avatars', async () => {
    const token = h.user('bob').token;
    expect((await h.call('PATCH', '/api/v1/users/@me', { token, body: { display_name: 'x'.repeat(33) } })).status).toBe(400);
    expect((await h.call('PATCH', '/api/v1/users/@me', { token, body: { avatar: 'not-a-data-uri' } })).status).toBe(400);
    const withAvatar = dataOf<{ avatar: string }>(await h.call('PATCH', '/api/v1/users/@me', { token, body: { avatar: 'data:image/png;base64,iVBORw0=' } }));
    expect(withAvatar.avatar).toBe(`/cdn/avatars/${h.user('bob').id}.png`);
    expect(h.eventsOf('user.update').length).toBeGreaterThan(0);
  });

  it('lists own spaces and DM channels (with recipients)', async () => {
    const frank = h.user('frank').token;
    expect(dataOf<{ id: string }[]>(await h.call('GET', '/api/v1/users/@me/spaces', { token: frank })).map((s) => s.id)).toEqual([h.space(0).id]);
    const dms = dataOf<{ id: string; recipients: { id: string }[] }[]>(await h.call('GET', '/api/v1/users/@me/channels', { token: h.user('alice').token }));
    expect(dms.map((c) => c.id).sort()).toEqual(h.seeded.dms.map((d) => d.id).sort());
    expect(dms.every((c) => c.recipients.some((u) => u.id === h.user('alice').id))).toBe(true);
  });

  it('opens a DM with channel.create to both participants, reusing an existing 1:1 DM', async () => {
    const frank = h.user('frank');
    const grace = h.user('grace');
    const dm = dataOf<{ id: string; type: string; recipients: { id: string }[] }>(
      await h.call('POST', '/api/v1/users/@me/channels', { token: frank.token, body: { recipient_id: grace.id } }),
    );
    expect(dm.type).toBe('dm');
    expect(dm.recipients.map((u) => u.id).sort()).toEqual([frank.id, grace.id].sort());
    const again = dataOf<{ id: string }>(await h.call('POST', '/api/v1/users/@me/channels', { token: grace.token, body: { recipient_id: frank.id } }));
    expect(again.id).toBe(dm.id);
    const creates = h.eventsOf('channel.create');
    expect(creates).toHaveLength(2);
    expect(new Set(creates[0]?.targetUserIds)).toEqual(new Set([frank.id, grace.id]));
    const self = await h.call('POST', '/api/v1/users/@me/channels', { token: frank.token, body: { recipient_id: frank.id } });
    expect(self.status).toBe(400);
  });

  it('relationships: request, accept, remove, block', async () => {
    const frank = h.user('frank');
    const grace = h.user('grace');
    const request = dataOf<{ type: number; since: string }>(await h.call('PUT', `/api/v1/users/@me/relationships/${grace.id}`, { token: frank.token, body: { type: 1 } }));
    expect(request.type).toBe(4);
    expect(h.eventsOf('relationship.add').map((e) => [e.targetUserIds?.[0], (e.data as { type: number }).type])).toEqual([
      [frank.id, 4],
      [grace.id, 3],
    ]);
    await h.call('PUT', `/api/v1/users/@me/relationships/${frank.id}`, { token: grace.token, body: { type: 1 } });
    expect(h.data.friendIds(frank.id)).toEqual([grace.id]);
    expect(h.eventsOf('relationship.update')).toHaveLength(2);
    const removed = await h.call('DELETE', `/api/v1/users/@me/relationships/${grace.id}`, { token: frank.token });
    expect(removed.body).toEqual({});
    expect(h.eventsOf('relationship.remove')).toHaveLength(2);
    expect((await h.call('DELETE', `/api/v1/users/@me/relationships/${grace.id}`, { token: frank.token })).status).toBe(404);
    await h.call('PUT', `/api/v1/users/@me/relationships/${grace.id}`, { token: frank.token, body: { type: 2 } });
    const blocked = await h.call('POST', '/api/v1/users/@me/channels', { token: grace.token, body: { recipient_id: frank.id } });
    expect(blocked.status).toBe(403);
    expect((await h.call('PUT', `/api/v1/users/@me/relationships/${grace.id}`, { token: frank.token, body: { type: 7 } })).status).toBe(400);
  });
});
