import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, startRest } from './harness.js';

describe('REST: member search, channel invites, overwrites, anonymous count', () => {
  let h: RestHarness;
  beforeEach(async () => {
    h = await startRest();
  });
  afterEach(() => h.close());

  it('searches members by username or nickname (members only)', async () => {
    const space = h.space(0).id;
    const found = dataOf<{ user_id: string; user?: { username: string } }[]>(
      await h.call('GET', `/api/v1/spaces/${space}/members/search?query=ar&with_user=true`, { token: h.user('bob').token }),
    );
    expect(found.map((m) => m.user?.username).sort()).toEqual(['carol']);
    // case-insensitive on usernames too: the demo bot is "Helper Bot"
    const bot = dataOf<{ user_id: string }[]>(await h.call('GET', `/api/v1/spaces/${space}/members/search?query=helper`, { token: h.user('bob').token }));
    expect(bot.map((m) => m.user_id)).toEqual([h.seeded.bot.id]);
    expect((await h.call('GET', `/api/v1/spaces/${h.space(1).id}/members/search?query=b`, { token: h.user('frank').token })).status).toBe(403);
  });

  it('creates and lists channel-scoped invites', async () => {
    const general = h.channel(0, 'general').id;
    const invite = dataOf<{ channel_id: string; code: string }>(await h.call('POST', `/api/v1/channels/${general}/invites`, { token: h.user('bob').token, body: {} }));
    expect(invite.channel_id).toBe(general);
    expect(h.eventsOf('invite.create')[0]?.data).toMatchObject({ code: invite.code, channel_id: general });
    const listed = dataOf<{ code: string }[]>(await h.call('GET', `/api/v1/channels/${general}/invites`, { token: h.user('alice').token }));
    expect(listed.map((i) => i.code)).toEqual([invite.code]);
    expect((await h.call('GET', `/api/v1/channels/${general}/invites`, { token: h.user('bob').token })).status).toBe(403);
  });

  it('lists and deletes permission overwrites silently (manage_roles)', async () => {
    const general = h.channel(0, 'general').id;
    const bob = h.user('bob');
    const alice = h.user('alice').token;
    await h.call('PUT', `/api/v1/channels/${general}/permissions/${bob.id}`, { token: alice, body: { type: 'member', allow: [], deny: ['add_reactions'] } });
    expect(dataOf<{ id: string }[]>(await h.call('GET', `/api/v1/channels/${general}/permissions`, { token: alice })).map((o) => o.id)).toEqual([bob.id]);
    expect((await h.call('GET', `/api/v1/channels/${general}/permissions`, { token: bob.token })).status).toBe(403);
    expect((await h.call('PUT', `/api/v1/channels/${general}/permissions/${bob.id}`, { token: alice, body: { type: 'robot' } })).status).toBe(400);
    await h.call('DELETE', `/api/v1/channels/${general}/permissions/${bob.id}`, { token: alice });
    expect(h.data.hasChannelPermission(bob.id, general, 'add_reactions')).toBe(true);
    expect(h.events).toHaveLength(0);
  });

  it('reports the anonymous count un-enveloped', async () => {
    await h.call('POST', '/api/v1/auth/guest');
    expect((await h.call('GET', `/api/v1/spaces/${h.space(0).id}/anonymous-count`)).body).toEqual({ count: 1 });
  });
});
