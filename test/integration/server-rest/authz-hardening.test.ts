import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, errorOf, startRest } from './harness.js';

/** Issue 16 §2–§4: permission escalation, reactions across channels, anonymous reads of hidden channels. */

interface RoleWire {
  id: string;
  position: number;
  permissions: string[];
}

describe('manage_roles cannot grant what its holder does not have', () => {
  let h: RestHarness;
  let space: string;
  let keymaster: string;
  beforeEach(async () => {
    h = await startRest();
    space = h.space(0).id;
    const alice = h.user('alice').token; // owner
    // erin's one power: manage_roles (the role sits above Moderator and Admin, so hierarchy allows everything below)
    keymaster = dataOf<RoleWire>(await h.call('POST', `/api/v1/spaces/${space}/roles`, { token: alice, body: { name: 'Keymaster', permissions: ['manage_roles'] } })).id;
    expect((await h.call('PUT', `/api/v1/spaces/${space}/members/${h.user('erin').id}/roles/${keymaster}`, { token: alice })).status).toBe(200);
  });
  afterEach(() => h.close());

  const roles = async (): Promise<RoleWire[]> => dataOf<RoleWire[]>(await h.call('GET', `/api/v1/spaces/${space}/roles`, { token: h.user('alice').token }));

  it('refuses giving @everyone (or any role) administrator, and leaves the role as it was', async () => {
    const erin = h.user('erin').token;
    const everyone = (await roles()).find((r) => r.position === 0);
    if (!everyone) throw new Error('no @everyone');
    const escalate = await h.call('PATCH', `/api/v1/spaces/${space}/roles/${everyone.id}`, { token: erin, body: { permissions: [...everyone.permissions, 'administrator'] } });
    expect(escalate.status).toBe(403);
    expect(errorOf(escalate)).toEqual({ code: 'forbidden', message: 'you cannot grant a permission you do not have: administrator' });
    expect((await roles()).find((r) => r.id === everyone.id)?.permissions).toEqual(everyone.permissions);
    // and so she still cannot do what an administrator can
    expect((await h.call('PATCH', `/api/v1/spaces/${space}`, { token: erin, body: { name: 'taken over' } })).status).toBe(403);

    const moderator = (await roles()).find((r) => r.position === 1);
    const ban = await h.call('PATCH', `/api/v1/spaces/${space}/roles/${moderator?.id ?? ''}`, { token: erin, body: { permissions: ['ban_members'] } });
    expect(ban.status).toBe(403);
    const keymasterRole = await h.call('PATCH', `/api/v1/spaces/${space}/roles/${keymaster}`, { token: erin, body: { permissions: ['manage_roles', 'manage_space'] } });
    expect(keymasterRole.status).toBe(403);
  });

  it('refuses creating a role with a permission the creator lacks; what she holds she may grant', async () => {
    const erin = h.user('erin').token;
    const before = (await roles()).length;
    const admin = await h.call('POST', `/api/v1/spaces/${space}/roles`, { token: erin, body: { name: 'root', permissions: ['administrator'] } });
    expect(admin.status).toBe(403);
    expect(errorOf(admin).message).toBe('you cannot grant a permission you do not have: administrator');
    expect((await roles()).length).toBe(before);
    const held = await h.call('POST', `/api/v1/spaces/${space}/roles`, { token: erin, body: { name: 'helpers', permissions: ['send_messages', 'manage_roles'] } });
    expect(held.status).toBe(200);
    expect(dataOf<RoleWire>(held).permissions).toEqual(['send_messages', 'manage_roles']);
  });

  it('refuses a channel overwrite granting a permission she lacks, so she cannot take manage_messages', async () => {
    const erin = h.user('erin');
    const random = h.channel(0, 'random').id;
    const bobs = dataOf<{ id: string }>(await h.call('POST', `/api/v1/channels/${random}/messages`, { token: h.user('bob').token, body: { content: 'mine' } }));
    const grant = await h.call('PUT', `/api/v1/channels/${random}/permissions/${erin.id}`, { token: erin.token, body: { type: 'member', allow: ['manage_messages'], deny: [] } });
    expect(grant.status).toBe(403);
    expect(errorOf(grant).message).toBe('you cannot grant a permission you do not have: manage_messages');
    const overwrites = dataOf<unknown[]>(await h.call('GET', `/api/v1/channels/${random}/permissions`, { token: erin.token }));
    expect(overwrites).toEqual([]);
    expect((await h.call('DELETE', `/api/v1/channels/${random}/messages/${bobs.id}`, { token: erin.token })).status).toBe(403);

    const everyoneId = (await roles()).find((r) => r.position === 0)?.id ?? '';
    const roleGrant = await h.call('PUT', `/api/v1/channels/${random}/permissions/${everyoneId}`, { token: erin.token, body: { type: 'role', allow: ['administrator'], deny: [] } });
    expect(roleGrant.status).toBe(403);
    // denying, and allowing what she holds in the channel, stay possible
    const ok = await h.call('PUT', `/api/v1/channels/${random}/permissions/${everyoneId}`, { token: erin.token, body: { type: 'role', allow: ['send_messages'], deny: ['add_reactions'] } });
    expect(ok.status).toBe(200);
  });

  it('lets the owner (and administrators) grant anything', async () => {
    const alice = h.user('alice').token;
    const everyone = (await roles()).find((r) => r.position === 0);
    const owner = await h.call('PATCH', `/api/v1/spaces/${space}/roles/${keymaster}`, { token: alice, body: { permissions: ['manage_roles', 'ban_members'] } });
    expect(owner.status).toBe(200);
    const adminRole = (await roles()).find((r) => r.permissions.includes('administrator'));
    expect((await h.call('PUT', `/api/v1/spaces/${space}/members/${h.user('frank').id}/roles/${adminRole?.id ?? ''}`, { token: alice })).status).toBe(200);
    const byAdmin = await h.call('PUT', `/api/v1/channels/${h.channel(0, 'random').id}/permissions/${everyone?.id ?? ''}`, {
      token: h.user('frank').token,
      body: { type: 'role', allow: ['manage_messages'], deny: [] },
    });
    expect(byAdmin.status).toBe(200);
  });
});

describe('reactions check that the message is in the channel of the URL', () => {
  let h: RestHarness;
  beforeEach(async () => {
    h = await startRest();
  });
  afterEach(() => h.close());

  it('answers 404 unknown_message for a message of another channel, a private space or a DM, and changes nothing', async () => {
    const frank = h.user('frank').token; // in the lounge only
    const carol = h.user('carol').token; // moderator in the lounge, not in Dev Corner
    const lounge = h.channel(0, 'random').id;
    const backend = h.channel(1, 'backend').id; // Dev Corner: private
    const secret = dataOf<{ id: string }>(await h.call('POST', `/api/v1/channels/${backend}/messages`, { token: h.user('bob').token, body: { content: 'private' } })).id;
    await h.call('PUT', `/api/v1/channels/${backend}/messages/${secret}/reactions/x/@me`, { token: h.user('bob').token });
    const dm = h.seeded.dms[0]?.id ?? '';
    const whisper = dataOf<{ id: string }>(await h.call('POST', `/api/v1/channels/${dm}/messages`, { token: h.user('alice').token, body: { content: 'dm' } })).id;
    h.events.length = 0;

    const through = (message: string) => `/api/v1/channels/${lounge}/messages/${message}/reactions`;
    const attempts: [string, string, string][] = [
      ['PUT', `${through(secret)}/x/@me`, frank],
      ['GET', `${through(secret)}/x`, frank],
      ['DELETE', `${through(secret)}/x/@me`, frank],
      ['DELETE', `${through(secret)}/x/${h.user('bob').id}`, carol],
      ['DELETE', `${through(secret)}/x`, carol],
      ['DELETE', through(secret), carol],
      ['PUT', `${through(whisper)}/x/@me`, frank],
      ['GET', `${through(whisper)}/x`, frank],
      ['PUT', `${through('999999999999999999')}/x/@me`, frank],
    ];
    for (const [method, path, token] of attempts) {
      const reply = await h.call(method, path, { token });
      expect({ method, path, status: reply.status }).toEqual({ method, path, status: 404 });
      expect(errorOf(reply)).toEqual({ code: 'not_found', message: 'unknown_message' });
    }
    expect(h.events).toEqual([]);
    expect(h.data.tables.reactions.where('message', secret).map((r) => r.user_id)).toEqual([h.user('bob').id]);
    expect(h.data.tables.reactions.where('message', whisper)).toEqual([]);
  });
});

describe('anonymous readers and guests see what @everyone may read, no more', () => {
  let h: RestHarness;
  let space: string;
  let staff: string;
  let everyoneId: string;
  beforeEach(async () => {
    h = await startRest();
    space = h.space(0).id; // public, allows guests
    const alice = h.user('alice').token;
    staff = dataOf<{ id: string }>(await h.call('POST', `/api/v1/spaces/${space}/channels`, { token: alice, body: { name: 'staff', allow_anonymous_read: true } })).id;
    const roleList = dataOf<RoleWire[]>(await h.call('GET', `/api/v1/spaces/${space}/roles`, { token: alice }));
    everyoneId = roleList.find((r) => r.position === 0)?.id ?? '';
    expect((await h.call('PUT', `/api/v1/channels/${staff}/permissions/${everyoneId}`, { token: alice, body: { type: 'role', allow: [], deny: ['view_channel'] } })).status).toBe(200);
    await h.call('POST', `/api/v1/channels/${staff}/messages`, { token: alice, body: { content: 'staff only' } });
  });
  afterEach(() => h.close());

  it('refuses an anonymous read of a channel hidden from @everyone with the error envelope', async () => {
    const hidden = await h.call('GET', `/api/v1/channels/${staff}/messages`);
    expect(hidden.status).toBe(403);
    expect(errorOf(hidden)).toEqual({ code: 'forbidden', message: 'missing permission: view_channel' });
    expect(hidden.text).not.toContain('staff only');
    // @everyone may view but not read the history: still refused
    await h.call('PUT', `/api/v1/channels/${staff}/permissions/${everyoneId}`, { token: h.user('alice').token, body: { type: 'role', allow: [], deny: ['read_history'] } });
    expect(errorOf(await h.call('GET', `/api/v1/channels/${staff}/messages`)).message).toBe('missing permission: read_history');
    // a visible channel still reads anonymously
    expect((await h.call('GET', `/api/v1/channels/${h.channel(0, 'general').id}/messages`)).status).toBe(200);
  });

  it('leaves hidden channels out of the anonymous and guest channel lists, and refuses guests their messages', async () => {
    const anonymous = dataOf<{ id: string }[]>(await h.call('GET', `/api/v1/spaces/${space}/channels`));
    expect(anonymous.map((c) => c.id)).not.toContain(staff);
    expect(anonymous.length).toBeGreaterThan(0);
    const member = dataOf<{ id: string }[]>(await h.call('GET', `/api/v1/spaces/${space}/channels`, { token: h.user('frank').token }));
    expect(member.map((c) => c.id)).toContain(staff); // members get the full list, as READY does

    const guest = (await h.call('POST', '/api/v1/auth/guest')).body as { token: string };
    const guestList = dataOf<{ id: string }[]>(await h.call('GET', `/api/v1/spaces/${space}/channels`, { token: guest.token }));
    expect(guestList.map((c) => c.id)).not.toContain(staff);
    const read = await h.call('GET', `/api/v1/channels/${staff}/messages`, { token: guest.token });
    expect(read.status).toBe(403);
    expect(errorOf(read).code).toBe('forbidden');
  });
});
