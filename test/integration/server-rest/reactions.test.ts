import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, startRest } from './harness.js';

describe('REST reactions', () => {
  let h: RestHarness;
  let channel: string;
  let message: string;
  let base: string;
  const thumbs = encodeURIComponent('👍');
  beforeEach(async () => {
    h = await startRest();
    channel = h.channel(0, 'random').id;
    const created = await h.call('POST', `/api/v1/channels/${channel}/messages`, { token: h.user('alice').token, body: { content: 'vote' } });
    message = dataOf<{ id: string }>(created).id;
    base = `/api/v1/channels/${channel}/messages/${message}/reactions`;
    h.events.length = 0;
  });
  afterEach(() => h.close());

  it('adds with a percent-decoded emoji string and emits reaction.add even when repeated', async () => {
    const bob = h.user('bob');
    expect(dataOf((await h.call('PUT', `${base}/${thumbs}/@me`, { token: bob.token })))).toBeNull();
    await h.call('PUT', `${base}/${thumbs}/@me`, { token: bob.token });
    const adds = h.eventsOf('reaction.add');
    expect(adds).toHaveLength(2);
    expect(adds[0]?.data).toEqual({ channel_id: channel, message_id: message, user_id: bob.id, emoji: '👍' });
    expect(adds[0]?.spaceId).toBe(h.space(0).id);
    const users = dataOf<string[]>(await h.call('GET', `${base}/${thumbs}`, { token: bob.token }));
    expect(users).toEqual([bob.id]);
  });

  it('serializes message reactions as {emoji:{id:null,name}, count, me} per viewer', async () => {
    await h.call('PUT', `${base}/${thumbs}/@me`, { token: h.user('bob').token });
    await h.call('PUT', `${base}/${thumbs}/@me`, { token: h.user('erin').token });
    await h.call('PUT', `${base}/party_blob/@me`, { token: h.user('erin').token });
    const asBob = dataOf<{ reactions: unknown }>(await h.call('GET', `/api/v1/channels/${channel}/messages/${message}`, { token: h.user('bob').token }));
    expect(asBob.reactions).toEqual([
      { emoji: { id: null, name: '👍' }, count: 2, me: true },
      { emoji: { id: null, name: 'party_blob' }, count: 1, me: false },
    ]);
  });

  it('removes own reaction with reaction.remove; removing another user needs manage_messages', async () => {
    const bob = h.user('bob');
    const erin = h.user('erin');
    await h.call('PUT', `${base}/${thumbs}/@me`, { token: bob.token });
    expect((await h.call('DELETE', `${base}/${thumbs}/${bob.id}`, { token: erin.token })).status).toBe(403);
    await h.call('DELETE', `${base}/${thumbs}/@me`, { token: bob.token });
    expect(h.eventsOf('reaction.remove')[0]?.data).toEqual({ channel_id: channel, message_id: message, user_id: bob.id, emoji: '👍' });
    await h.call('PUT', `${base}/${thumbs}/@me`, { token: bob.token });
    const carol = h.user('carol'); // moderator
    expect((await h.call('DELETE', `${base}/${thumbs}/${bob.id}`, { token: carol.token })).status).toBe(200);
    expect(dataOf<string[]>(await h.call('GET', `${base}/${thumbs}`, { token: bob.token }))).toEqual([]);
  });

  it('clears one emoji (reaction.clear_emoji) and all (reaction.clear) with manage_messages', async () => {
    await h.call('PUT', `${base}/${thumbs}/@me`, { token: h.user('bob').token });
    await h.call('PUT', `${base}/x/@me`, { token: h.user('bob').token });
    expect((await h.call('DELETE', `${base}/${thumbs}`, { token: h.user('bob').token })).status).toBe(403);
    await h.call('DELETE', `${base}/${thumbs}`, { token: h.user('alice').token });
    expect(h.eventsOf('reaction.clear_emoji')[0]?.data).toEqual({ channel_id: channel, message_id: message, emoji: '👍' });
    await h.call('DELETE', base, { token: h.user('alice').token });
    expect(h.eventsOf('reaction.clear')[0]?.data).toEqual({ channel_id: channel, message_id: message });
    expect(h.data.tables.reactions.countWhere('message', message)).toBe(0);
  });

  it('refuses reactions from a timed-out member', async () => {
    const bob = h.user('bob');
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const patched = await h.call('PATCH', `/api/v1/spaces/${h.space(0).id}/members/${bob.id}`, { token: h.user('alice').token, body: { timed_out_until: until } });
    expect(patched.status).toBe(200);
    expect((await h.call('PUT', `${base}/${thumbs}/@me`, { token: bob.token })).status).toBe(403);
  });

  it('targets reactions in a DM at its participants instead of broadcasting them (privacy fix)', async () => {
    const dm = h.seeded.dms[0];
    if (!dm) throw new Error('no dm');
    const alice = h.user('alice');
    const posted = dataOf<{ id: string }>(await h.call('POST', `/api/v1/channels/${dm.id}/messages`, { token: alice.token, body: { content: 'dm' } }));
    h.events.length = 0;
    const dmBase = `/api/v1/channels/${dm.id}/messages/${posted.id}/reactions/${thumbs}/@me`;
    expect((await h.call('PUT', dmBase, { token: h.user('bob').token })).status).toBe(200);
    expect((await h.call('DELETE', dmBase, { token: h.user('bob').token })).status).toBe(200);
    expect((await h.call('PUT', dmBase, { token: h.user('frank').token })).status).toBe(403);
    expect(h.events.map((e) => e.type)).toEqual(['reaction.add', 'reaction.remove']);
    for (const event of h.events) {
      expect(event.spaceId ?? null).toBeNull();
      expect([...(event.targetUserIds ?? [])].sort()).toEqual([...dm.recipientIds].sort());
    }
  });
});
