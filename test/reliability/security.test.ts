import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordServer } from '../../src/server/index.js';
import { AccordClient } from '../../src/client/index.js';
import { AccordStore } from '../../src/state/index.js';
import { systemClock } from '../../src/util/clock.js';
import type { Clock } from '../../src/util/clock.js';
import { OutputCapture } from '../../src/testing/capture.js';
import { RawGatewaySocket } from '../../src/testing/raw-gateway.js';
import { probeRestPermissions } from '../../src/testing/security-probes.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The system clock, movable forward (to expire tokens). */
function shiftableClock(): Clock & { shift(ms: number): void } {
  let offset = 0;
  return {
    now: () => systemClock.now() + offset,
    setTimeout: (callback, ms) => systemClock.setTimeout(callback, ms),
    clearTimeout: (handle) => systemClock.clearTimeout(handle),
    shift: (ms) => {
      offset += ms;
    },
  };
}

async function identify(url: string, token: string): Promise<{ socket: RawGatewaySocket; op: unknown; sessionId: string | undefined }> {
  const socket = await RawGatewaySocket.open(url);
  await socket.next();
  socket.send(JSON.stringify({ op: 2, data: { token, intents: ['messages'] } }));
  const answer = await socket.next();
  const json = answer.type === 'frame' ? answer.json : undefined;
  const data = json?.['data'] as { session_id?: string } | undefined;
  return { socket, op: json?.['op'], sessionId: data?.session_id };
}

async function status(url: string, token: string | null): Promise<number> {
  const response = await fetch(`${url}/api/v1/users/@me`, { headers: token === null ? {} : { authorization: token } });
  await response.arrayBuffer();
  return response.status;
}

describe('the embedded server refuses what it must', () => {
  let server: AccordServer;
  const clock = shiftableClock();
  const capture = new OutputCapture();

  beforeAll(async () => {
    server = await AccordServer.start({ seed: 'demo', clock, logger: capture.logger('server'), resumeWindowMs: 5_000 });
  });

  afterAll(async () => {
    await server.close();
  });

  const user = (index: number) => {
    const found = server.seeded?.users[index];
    if (!found) throw new Error('demo seed changed');
    return found;
  };

  it('refuses unknown tokens and tokens without their scheme, over REST and the gateway', async () => {
    expect(await status(server.url, null)).toBe(401);
    expect(await status(server.url, `Bearer ${'f'.repeat(64)}`)).toBe(401);
    expect(await status(server.url, user(0).token)).toBe(401);
    expect(await status(server.url, `Bearer ${user(0).token}`)).toBe(200);
    for (const token of [`Bearer ${'f'.repeat(64)}`, user(0).token, `Bot ${user(0).token}`]) {
      const { socket, op } = await identify(server.gatewayUrl, token);
      expect(op).toBe(7);
      expect(await socket.until(-1)).toMatchObject({ type: 'closed', code: 1006 });
    }
  });

  it('lets nobody resume another user’s parked session, and the owner still can', async () => {
    const alice = user(0);
    const bob = user(1);
    const { socket, sessionId } = await identify(server.gatewayUrl, `Bearer ${alice.token}`);
    expect(sessionId).toBeTypeOf('string');
    server.faults.drop(alice.id);
    await socket.until(-1);
    const deadline = Date.now() + 2000;
    while (server.sessionState(sessionId ?? '') !== 'parked' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.sessionState(sessionId ?? '')).toBe('parked');

    const thief = await RawGatewaySocket.open(server.gatewayUrl);
    await thief.next();
    thief.send(JSON.stringify({ op: 3, data: { token: `Bearer ${bob.token}`, session_id: sessionId, seq: 1 } }));
    const refusal = await thief.next();
    expect(refusal.type === 'frame' ? refusal.json?.['op'] : refusal.type).toBe(7);
    expect(await thief.until(-1)).toMatchObject({ type: 'closed', code: 1006 });
    expect(server.sessionState(sessionId ?? '')).toBe('parked');

    const owner = await RawGatewaySocket.open(server.gatewayUrl);
    await owner.next();
    owner.send(JSON.stringify({ op: 3, data: { token: `Bearer ${alice.token}`, session_id: sessionId, seq: 1 } }));
    const resumed = await owner.until(0, 'resumed');
    expect(resumed.type).toBe('frame');
    owner.close();
  });

  it('refuses a revoked token and ends the sessions that used it', async () => {
    const carol = user(2);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: carol.username, password: carol.password }),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const { socket, op } = await identify(server.gatewayUrl, `Bearer ${token}`);
    expect(op).toBe(0);
    const logout = await fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(logout.status).toBe(200);
    expect((await socket.until(-1)).type).toBe('closed');
    expect(await status(server.url, `Bearer ${token}`)).toBe(401);
    expect((await identify(server.gatewayUrl, `Bearer ${token}`)).op).toBe(7);
  });

  it('holds REST permission checks for outsiders and unprivileged members', async () => {
    const seeded = server.seeded;
    const dev = seeded?.spaces[1];
    const lounge = seeded?.spaces[0];
    if (!seeded || !dev || !lounge) throw new Error('demo seed changed');
    const result = await probeRestPermissions({
      baseUrl: server.url,
      users: seeded.users,
      privateSpace: { id: dev.id, channelIds: dev.channels.filter((c) => c.type === 'text').map((c) => c.id), outsiders: ['carol', 'frank', 'grace', 'heidi'] },
      publicSpace: { id: lounge.id, textChannelIds: lounge.channels.filter((c) => c.type === 'text').map((c) => c.id), unprivileged: ['frank', 'grace', 'heidi'] },
    });
    expect(result.probes).toBeGreaterThan(40);
    expect(result.violations).toEqual([]);
  });

  it('refuses expired tokens (30 days) over REST and the gateway', async () => {
    const dave = user(3);
    expect(await status(server.url, `Bearer ${dave.token}`)).toBe(200);
    clock.shift(31 * DAY_MS);
    try {
      expect(await status(server.url, `Bearer ${dave.token}`)).toBe(401);
      expect((await identify(server.gatewayUrl, `Bearer ${dave.token}`)).op).toBe(7);
    } finally {
      clock.shift(-31 * DAY_MS);
    }
  });

  it('never logged a token', () => {
    const seeded = server.seeded;
    if (!seeded) throw new Error('demo seed changed');
    expect(capture.lines.length).toBeGreaterThan(0);
    expect(capture.findSecrets([...seeded.users.map((u) => u.token), seeded.bot.token])).toEqual([]);
  });
});

describe('the client never shows its token', () => {
  let server: AccordServer;

  beforeAll(async () => {
    server = await AccordServer.start({ seed: 'demo' });
  });

  afterAll(async () => {
    await server.close();
  });

  it('keeps a refused token out of errors, logs and debug output', async () => {
    const capture = new OutputCapture();
    const secret = 'a'.repeat(64);
    const client = new AccordClient({ baseUrl: server.url, token: secret, logger: capture.logger('client'), maxReconnectAttempts: 2 });
    const seen: string[] = [];
    client.on('debug', (line) => seen.push(line));
    client.on('error', (error) => seen.push(`${error.name} ${error.message} ${error.reason}`));
    client.on('disconnected', (code, reason) => seen.push(`${code} ${reason}`));
    const failure = await client.login().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    seen.push(String(failure), failure instanceof Error ? (failure.stack ?? '') : '', JSON.stringify(failure));
    const rest = await client.rest.getCurrentUser().then(
      () => null,
      (error: unknown) => error,
    );
    expect(rest).toBeInstanceOf(Error);
    seen.push(String(rest), rest instanceof Error ? (rest.stack ?? '') : '', JSON.stringify(rest));
    await client.logout();
    expect(seen.length).toBeGreaterThan(3);
    expect(capture.findSecrets([secret])).toEqual([]);
    for (const line of seen) expect(line.includes(secret), line.slice(0, 120)).toBe(false);
  });

  it('keeps a valid token out of a store’s logs across a full session', async () => {
    const capture = new OutputCapture();
    const alice = server.seeded?.users[0];
    if (!alice) throw new Error('demo seed changed');
    const store = new AccordStore({ logger: capture.logger('store') });
    const conn = store.addServer({ baseUrl: server.url, token: alice.token });
    await conn.ready;
    server.faults.drop(alice.id);
    const deadline = Date.now() + 10_000;
    while (conn.status !== 'reconnecting' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    while (conn.status !== 'connected' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(conn.status).toBe('connected');
    await store.close();
    expect(capture.findSecrets([alice.token])).toEqual([]);
  });
});
