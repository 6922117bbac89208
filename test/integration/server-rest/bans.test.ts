import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, startRest } from './harness.js';

describe('REST bans', () => {
  let h: RestHarness;
  let space: string;
  beforeEach(async () => {
    h = await startRest();
    space = h.space(0).id;
  });
  afterEach(() => h.close());

  it('bans: member.leave, ban.create, then message.delete per purged message', async () => {
    const frank = h.user('frank');
    const random = h.channel(0, 'random').id;
    const posted = dataOf<{ id: string }>(await h.call('POST', `/api/v1/channels/${random}/messages`, { token: frank.token, body: { content: 'spam' } }));
    h.events.length = 0;
    const ban = dataOf<Record<string, unknown>>(
      await h.call('PUT', `/api/v1/spaces/${space}/bans/${frank.id}`, { token: h.user('alice').token, body: { reason: 'spam', delete_message_seconds: 3600 } }),
    );
    expect(ban).toMatchObject({ user_id: frank.id, space_id: space, reason: 'spam', banned_by: h.user('alice').id });
    const frankMessages = h.data.tables.messages.where('channel', random).filter((m) => m.author_id === frank.id).length;
    expect(ban.deleted_message_count).toBe(2); // the seeded message and the new one
    expect(frankMessages).toBe(0);
    expect(h.events.map((e) => e.type)).toEqual(['member.leave', 'ban.create', 'message.delete', 'message.delete']);
    expect(h.events[1]?.data).toMatchObject({ user_id: frank.id, reason: 'spam' });
    expect(h.events.map((e) => (e.data as { id?: string }).id)).toContain(posted.id);
    expect(h.data.userSpaceIds(frank.id)).toEqual([]);
    const rejoin = await h.call('POST', '/api/v1/spaces/lounge/join', { token: frank.token });
    expect(rejoin.status).toBe(403);
    expect((rejoin.body as { error: { message: string } }).error.message).toBe('you are banned from this space');
  });

  it('lists, gets, and unbans with ban.delete (ban_members)', async () => {
    const frank = h.user('frank');
    const alice = h.user('alice').token;
    await h.call('PUT', `/api/v1/spaces/${space}/bans/${frank.id}`, { token: alice });
    expect(dataOf<{ user_id: string }[]>(await h.call('GET', `/api/v1/spaces/${space}/bans`, { token: alice })).map((b) => b.user_id)).toEqual([frank.id]);
    expect(dataOf<{ reason: null }>(await h.call('GET', `/api/v1/spaces/${space}/bans/${frank.id}`, { token: alice })).reason).toBeNull();
    expect((await h.call('GET', `/api/v1/spaces/${space}/bans`, { token: h.user('bob').token })).status).toBe(403);
    await h.call('DELETE', `/api/v1/spaces/${space}/bans/${frank.id}`, { token: alice });
    expect(h.eventsOf('ban.delete')[0]).toMatchObject({ spaceId: space, data: { space_id: space, user_id: frank.id } });
    expect(h.data.userSpaceIds(frank.id)).toEqual([]);
    expect((await h.call('DELETE', `/api/v1/spaces/${space}/bans/${frank.id}`, { token: alice })).status).toBe(404);
  });

  it('refuses banning without ban_members, the owner, or with a bad body', async () => {
    const frank = h.user('frank');
    expect((await h.call('PUT', `/api/v1/spaces/${space}/bans/${frank.id}`, { token: h.user('bob').token })).status).toBe(403);
    expect((await h.call('PUT', `/api/v1/spaces/${h.space(1).id}/bans/${h.user('bob').id}`, { token: h.user('alice').token })).status).toBe(403);
    const bad = await h.call('PUT', `/api/v1/spaces/${space}/bans/${frank.id}`, { token: h.user('alice').token, body: { delete_message_seconds: 'lots' } });
    expect(bad.status).toBe(422);
    expect(h.eventsOf('ban.create')).toHaveLength(0);
  });
});
