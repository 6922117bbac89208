import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, startRest } from './harness.js';

type Invite = { code: string; space_id: string; channel_id: string | null; inviter_id: string; uses: number; max_uses: number | null };

describe('REST invites', () => {
  let h: RestHarness;
  let space: string;
  let bob: string;
  beforeEach(async () => {
    h = await startRest();
    space = h.space(1).id; // Dev Corner: private
    bob = h.user('bob').token;
  });
  afterEach(() => h.close());

  it('creates with invite.create, lists, gets, and accepts with member.join', async () => {
    const invite = dataOf<Invite>(await h.call('POST', `/api/v1/spaces/${space}/invites`, { token: bob, body: { max_uses: 5 } }));
    expect(invite.code).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(invite).toMatchObject({ space_id: space, channel_id: null, inviter_id: h.user('bob').id, uses: 0, max_uses: 5 });
    expect(h.eventsOf('invite.create')[0]).toMatchObject({ spaceId: space, data: { code: invite.code } });
    expect(dataOf<Invite[]>(await h.call('GET', `/api/v1/spaces/${space}/invites`, { token: bob })).map((i) => i.code)).toEqual([invite.code]);
    const frank = h.user('frank');
    expect(dataOf<Invite>(await h.call('GET', `/api/v1/invites/${invite.code}`, { token: frank.token })).space_id).toBe(space);
    h.events.length = 0;
    const accepted = dataOf<Invite>(await h.call('POST', `/api/v1/invites/${invite.code}/accept`, { token: frank.token }));
    expect(accepted.uses).toBe(1);
    expect(h.events.map((e) => e.type)).toEqual(['member.join', 'audit_log.create', 'message.create']);
    expect(h.events[0]?.data).toMatchObject({ space_id: space, user: { id: frank.id } });
    expect(h.data.userSpaceIds(frank.id)).toContain(space);
  });

  it('deletes with invite.delete (manage_channels); refuses without permission', async () => {
    const invite = dataOf<Invite>(await h.call('POST', `/api/v1/spaces/${space}/invites`, { token: bob }));
    expect((await h.call('DELETE', `/api/v1/invites/${invite.code}`, { token: h.user('erin').token })).status).toBe(403);
    await h.call('DELETE', `/api/v1/invites/${invite.code}`, { token: bob });
    expect(h.eventsOf('invite.delete')[0]).toMatchObject({ spaceId: space, data: { space_id: space, code: invite.code } });
    expect((await h.call('GET', `/api/v1/invites/${invite.code}`, { token: bob })).status).toBe(404);
  });

  it('validates the body and needs create_invites membership', async () => {
    expect((await h.call('POST', `/api/v1/spaces/${space}/invites`, { token: bob, body: { max_uses: -1 } })).status).toBe(400);
    expect((await h.call('POST', `/api/v1/spaces/${space}/invites`, { token: h.user('frank').token })).status).toBe(403);
  });

  it('an exhausted invite is gone', async () => {
    const invite = dataOf<Invite>(await h.call('POST', `/api/v1/spaces/${space}/invites`, { token: bob, body: { max_uses: 1 } }));
    await h.call('POST', `/api/v1/invites/${invite.code}/accept`, { token: h.user('frank').token });
    expect((await h.call('POST', `/api/v1/invites/${invite.code}/accept`, { token: h.user('grace').token })).status).toBe(404);
  });
});
