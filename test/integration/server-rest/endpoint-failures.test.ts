import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, errorOf, startRest } from './harness.js';

/** The permission and validation failures the per-endpoint suites do not already pin. */
describe('REST: remaining permission and validation failures', () => {
  let h: RestHarness;
  beforeEach(async () => {
    h = await startRest();
  });
  afterEach(() => h.close());

  it('typing: a non-member gets 403, a non-string thread_id a plain 422, and neither announces', async () => {
    const backend = h.channel(1, 'backend').id; // Dev Corner: frank is not a member
    const denied = await h.call('POST', `/api/v1/channels/${backend}/typing`, { token: h.user('frank').token });
    expect([denied.status, errorOf(denied).code]).toEqual([403, 'forbidden']);
    const general = h.channel(0, 'general').id;
    const bad = await h.call('POST', `/api/v1/channels/${general}/typing`, { token: h.user('frank').token, body: { thread_id: 7 } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('text/plain');
    expect(h.eventsOf('typing.start')).toEqual([]);
    await h.call('POST', `/api/v1/channels/${general}/typing`, { token: h.user('frank').token, body: { thread_id: '123' } });
    expect(h.eventsOf('typing.start')[0]?.data).toMatchObject({ channel_id: general, thread_id: '123' });
  });

  it('invite accept: a banned user gets 403 and no member.join', async () => {
    const space = h.space(1).id;
    const bob = h.user('bob'); // Dev Corner owner
    const frank = h.user('frank');
    const invite = dataOf<{ code: string }>(await h.call('POST', `/api/v1/spaces/${space}/invites`, { token: bob.token }));
    expect((await h.call('PUT', `/api/v1/spaces/${space}/bans/${frank.id}`, { token: bob.token })).status).toBe(200);
    h.events.length = 0;
    const refused = await h.call('POST', `/api/v1/invites/${invite.code}/accept`, { token: frank.token });
    expect([refused.status, errorOf(refused).message]).toEqual([403, 'you are banned from this space']);
    expect(h.events).toEqual([]);
    expect(h.data.userSpaceIds(frank.id)).not.toContain(space);
  });

  it('open DM: more than 9 recipients is 400, an unknown recipient 404; nothing is announced', async () => {
    const frank = h.user('frank').token;
    const ten = Array.from({ length: 10 }, (_, i) => String(1000 + i));
    const tooMany = await h.call('POST', '/api/v1/users/@me/channels', { token: frank, body: { recipients: ten } });
    expect([tooMany.status, errorOf(tooMany).code]).toEqual([400, 'invalid_request']);
    expect((await h.call('POST', '/api/v1/users/@me/channels', { token: frank, body: { recipient_id: '999' } })).status).toBe(404);
    expect(h.eventsOf('channel.create')).toEqual([]);
  });
});
