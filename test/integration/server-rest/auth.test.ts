import { afterEach, describe, expect, it } from 'vitest';
import { AccordServer } from '../../../src/server/accord-server.js';
import { sha256Hex } from '../../../src/server/data/ids.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import type { RestHarness } from './harness.js';
import { dataOf, errorOf, startRest } from './harness.js';

type Session = { user: { id: string; username: string; is_admin: boolean }; token: string };

describe('REST auth and applications', () => {
  let h: RestHarness;
  afterEach(() => h.close());

  it('first user becomes instance admin and owner of a new first space; the next auto-joins with member.join', async () => {
    h = await startRest({ seed: false });
    const first = dataOf<Session>(await h.call('POST', '/api/v1/auth/register', { body: { username: 'root', password: 'password1' } }));
    expect(first.user.is_admin).toBe(true);
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    const spaces = dataOf<{ id: string; owner_id: string }[]>(await h.call('GET', '/api/v1/users/@me/spaces', { token: first.token }));
    expect(spaces).toHaveLength(1);
    expect(spaces[0]?.owner_id).toBe(first.user.id);
    h.events.length = 0;
    const second = dataOf<Session>(await h.call('POST', '/api/v1/auth/register', { body: { username: 'newbie', password: 'password2', display_name: 'New' } }));
    expect(second.user.is_admin).toBe(false);
    const join = h.eventsOf('member.join')[0];
    expect(join?.spaceId).toBe(spaces[0]?.id);
    expect(join?.data).toMatchObject({ space_id: spaces[0]?.id, user: { id: second.user.id, username: 'newbie' } });
    expect((join?.data as { joined_at: string }).joined_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('validates registration (400), refuses a taken username (409)', async () => {
    h = await startRest();
    const short = await h.call('POST', '/api/v1/auth/register', { body: { username: 'zed', password: 'short' } });
    expect(short.status).toBe(400);
    expect(errorOf(short).code).toBe('invalid_request');
    const badName = await h.call('POST', '/api/v1/auth/register', { body: { username: 'Zed!', password: 'password1' } });
    expect(badName.status).toBe(400);
    const taken = await h.call('POST', '/api/v1/auth/register', { body: { username: 'alice', password: 'password1' } });
    expect(taken.status).toBe(409);
    expect(errorOf(taken).code).toBe('already_exists');
  });

  it('logs in with the demo password, 401 on a bad one, 429 with Retry-After after 5 failures', async () => {
    h = await startRest();
    const ok = dataOf<Session>(await h.call('POST', '/api/v1/auth/login', { body: { username: 'bob', password: 'bob-password' } }));
    expect(ok.user.username).toBe('bob');
    expect(h.data.resolveToken(`Bearer ${ok.token}`)?.userId).toBe(h.user('bob').id);
    for (let i = 0; i < 5; i++) {
      const bad = await h.call('POST', '/api/v1/auth/login', { body: { username: 'bob', password: 'wrong-password' } });
      expect(bad.status).toBe(401);
      expect(errorOf(bad).message).toBe('invalid credentials');
    }
    const limited = await h.call('POST', '/api/v1/auth/login', { body: { username: 'bob', password: 'bob-password' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('logout revokes the presented token and ends its gateway sessions', async () => {
    h = await startRest();
    const carol = h.user('carol');
    expect(dataOf(await h.call('POST', '/api/v1/auth/logout', { token: carol.token }))).toEqual({ ok: true });
    expect(h.endedTokens).toEqual([sha256Hex(carol.token)]);
    const after = await h.call('GET', '/api/v1/users/@me', { token: carol.token });
    expect(after.status).toBe(401);
    expect(errorOf(after)).toEqual({ code: 'unauthorized', message: 'invalid or missing authentication' });
  });

  it('creates an application with a bot user and a Bot token; reset-token replaces it', async () => {
    h = await startRest();
    const dave = h.user('dave');
    const created = dataOf<{ application: { id: string; name: string; owner_id: string }; token: string }>(
      await h.call('POST', '/api/v1/applications', { token: dave.token, body: { name: 'Pinger' } }),
    );
    expect(created.application).toMatchObject({ name: 'Pinger', owner_id: dave.id });
    const bot = dataOf<{ username: string; bot: boolean }>(await h.call('GET', '/api/v1/users/@me', { authorization: `Bot ${created.token}` }));
    expect(bot).toMatchObject({ username: 'Pinger Bot', bot: true });
    expect((await h.call('GET', '/api/v1/users/@me', { authorization: `bot ${created.token}` })).status).toBe(401);
    expect((await h.call('GET', '/api/v1/users/@me', { authorization: `Bearer ${created.token}` })).status).toBe(401);
    expect(dataOf<{ id: string }>(await h.call('GET', '/api/v1/applications/@me', { token: dave.token })).id).toBe(created.application.id);
    const reset = dataOf<{ token: string }>(await h.call('POST', '/api/v1/applications/@me/reset-token', { token: dave.token }));
    expect(reset.token).not.toBe(created.token);
    expect(h.endedTokens).toContain(sha256Hex(created.token));
    expect((await h.call('GET', '/api/v1/users/@me', { authorization: `Bot ${created.token}` })).status).toBe(401);
    expect((await h.call('GET', '/api/v1/users/@me', { authorization: `Bot ${reset.token}` })).status).toBe(200);
    expect((await h.call('POST', '/api/v1/applications', { token: dave.token, body: { name: '' } })).status).toBe(400);
    expect((await h.call('POST', '/api/v1/applications', { body: { name: 'anon' } })).status).toBe(401);
  });

  it('issues a guest token scoped to the public space', async () => {
    h = await startRest();
    const guest = (await h.call('POST', '/api/v1/auth/guest')).body as { token: string; expires_at: string; space_id: string };
    expect(guest.space_id).toBe(h.space(0).id);
    expect(guest.expires_at).toMatch(/\+00:00$/);
    const resolved = h.data.resolveToken(`Bearer ${guest.token}`);
    expect(resolved).toMatchObject({ kind: 'guest', guestSpaceId: h.space(0).id });
    expect(resolved?.userId).toBe(`guest:${sha256Hex(guest.token).slice(0, 16)}`);
    expect((await h.call('POST', '/api/v1/spaces', { token: guest.token, body: { name: 'x' } })).status).toBe(401);
  });

  it('limits registration to 5 attempts per client IP per 15 minutes (failures count too)', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    // behind a trusted proxy the client address is the first X-Forwarded-For entry (real keying)
    h = await startRest({ seed: false, limiterClock: clock, trustProxy: true });
    const attempt = (username: string, ip?: string) =>
      h.call('POST', '/api/v1/auth/register', { body: { username, password: 'password1' }, headers: ip ? { 'x-forwarded-for': ip } : {} });
    expect((await h.call('POST', '/api/v1/auth/register', { body: { username: 'bad', password: 'x' } })).status).toBe(400);
    for (const name of ['u1', 'u2', 'u3', 'u4']) expect((await attempt(name)).status).toBe(200);
    const limited = await attempt('u5');
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBe(15 * 60);
    expect(limited.headers.get('x-ratelimit-limit')).toBeNull();
    expect(h.data.tables.users.where('username', 'u5')).toEqual([]);
    expect((await attempt('u5', '203.0.113.7')).status).toBe(200); // another address has its own window
    clock.advance(15 * 60 * 1000);
    expect((await attempt('u6')).status).toBe(200);
  });

  it('registration limit can be tuned or disabled', async () => {
    h = await startRest({ seed: false, registerLimit: { disabled: true } });
    for (let i = 0; i < 8; i++) {
      expect((await h.call('POST', '/api/v1/auth/register', { body: { username: `many${i}`, password: 'password1' } })).status).toBe(200);
    }
    const server = await AccordServer.start({ seed: 'empty', registerLimit: { attempts: 1 } });
    try {
      const register = (username: string) =>
        fetch(`${server.url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'password1' }) });
      expect((await register('first')).status).toBe(200);
      expect((await register('second')).status).toBe(429);
    } finally {
      await server.close();
    }
  });
});
