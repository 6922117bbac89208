import { afterEach, describe, expect, it } from 'vitest';
import { AccordServer } from '../../../src/server/index.js';
import type { RestHarness } from './harness.js';
import { dataOf, startRest } from './harness.js';
import { WsClient } from './ws-client.js';

/** Issue 16 "Also": bad UTF-8 bodies, forged client addresses, a guest's READY. */

describe('REST bodies that are not UTF-8', () => {
  let h: RestHarness;
  afterEach(() => h.close());

  it('are a plain-text 400, like the real server, and nothing is stored', async () => {
    h = await startRest();
    const channel = h.channel(0, 'random').id;
    const before = h.data.tables.messages.countWhere('channel', channel);
    const bytes = Buffer.concat([Buffer.from('{"content":"caf'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const reply = await fetch(`${h.base}/api/v1/channels/${channel}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.user('bob').token}`, 'content-type': 'application/json' },
      body: bytes,
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('text/plain');
    expect(await reply.text()).toMatch(/^Failed to parse the request body as JSON/);
    expect(h.data.tables.messages.countWhere('channel', channel)).toBe(before);

    // well-formed UTF-8 (and an escaped U+FFFD) still goes through
    const good = await h.call('POST', `/api/v1/channels/${channel}/messages`, { token: h.user('bob').token, rawBody: '{"content":"café \\ufffd"}', headers: { 'content-type': 'application/json' } });
    expect(dataOf<{ content: string }>(good).content).toBe('café \ufffd');
  });
});

describe('X-Forwarded-For and X-Real-IP', () => {
  let h: RestHarness | undefined;
  let server: AccordServer | undefined;
  afterEach(async () => {
    await h?.close();
    await server?.close();
    h = undefined;
    server = undefined;
  });

  const register = (base: string, username: string, headers: Record<string, string>) =>
    fetch(`${base}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password: 'password1' }) });
  const guest = (base: string, headers: Record<string, string>) => fetch(`${base}/api/v1/auth/guest`, { method: 'POST', headers });

  it('are ignored by default: rotating them gets no new registration window and no extra guest tokens', async () => {
    const rest = (h = await startRest());
    for (let i = 0; i < 5; i++) expect((await register(rest.base, `spoof${i}`, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(200);
    const sixth = await register(rest.base, 'spoof5', { 'x-forwarded-for': '198.51.100.99', 'x-real-ip': '198.51.100.98' });
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(rest.data.tables.users.where('username', 'spoof5')).toEqual([]);

    for (let i = 0; i < 10; i++) expect((await guest(rest.base, { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(200);
    const eleventh = await guest(rest.base, { 'x-forwarded-for': '203.0.113.200', 'x-real-ip': '203.0.113.201' });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBe(60 * 60);
    expect(rest.data.tables.guestTokens.size).toBe(10);
  });

  it('are trusted with trustProxy (behind a proxy; also for suites that need many registrations)', async () => {
    server = await AccordServer.start({ seed: 'empty', trustProxy: true });
    for (let i = 0; i < 8; i++) expect((await register(server.url, `proxied${i}`, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(200);
    // one address behind the proxy still gets its five attempts only
    for (let i = 0; i < 5; i++) await register(server.url, `same${i}`, { 'x-real-ip': '192.0.2.1' });
    expect((await register(server.url, 'same5', { 'x-real-ip': '192.0.2.1' })).status).toBe(429);
  });
});

describe("a guest's READY", () => {
  let server: AccordServer;
  afterEach(() => server.close());

  it('leaves out channels hidden from @everyone', async () => {
    server = await AccordServer.start({ seed: 'demo' });
    const seeded = server.seeded;
    if (!seeded) throw new Error('no seed');
    const alice = seeded.users[0]?.token ?? '';
    const lounge = seeded.spaces[0]?.id ?? '';
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (r) => (await r.json()) as { data: unknown });
    const staff = (await api('POST', `/spaces/${lounge}/channels`, { name: 'staff' })).data as { id: string };
    const roles = (await api('GET', `/spaces/${lounge}/roles`)).data as { id: string; position: number }[];
    const everyone = roles.find((r) => r.position === 0)?.id ?? '';
    await api('PUT', `/channels/${staff.id}/permissions/${everyone}`, { type: 'role', allow: [], deny: ['view_channel'] });

    const token = ((await (await fetch(`${server.url}/api/v1/auth/guest`, { method: 'POST' })).json()) as { token: string }).token;
    const guestSession = await WsClient.identify(server.gatewayUrl, `Bearer ${token}`, ['spaces', 'messages']);
    const memberSession = await WsClient.identify(server.gatewayUrl, `Bearer ${seeded.users[5]?.token ?? ''}`, ['spaces']);
    try {
      const guestReady = (await guestSession.next((f) => f.type === 'ready')).data as { is_guest: boolean; channels: { id: string }[] };
      expect(guestReady.is_guest).toBe(true);
      const guestIds = guestReady.channels.map((c) => c.id);
      expect(guestIds).not.toContain(staff.id);
      expect(guestIds).toContain(seeded.spaces[0]?.channels.find((c) => c.name === 'general')?.id);
      // a member's READY is not filtered (docs/protocol.md §1.6)
      const memberReady = (await memberSession.next((f) => f.type === 'ready')).data as { channels: { id: string }[] };
      expect(memberReady.channels.map((c) => c.id)).toContain(staff.id);
    } finally {
      guestSession.close();
      memberSession.close();
    }
  });
});
