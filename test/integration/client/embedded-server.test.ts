import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { AccordClient, AccordRest, GatewayAuthError, GatewayError } from '../../../src/index.js';
import type { AccordClientOptions, Message, RecoveryInfo } from '../../../src/index.js';
import { AccordServer } from '../../../src/server/index.js';
import type { AccordServerOptions, SeededDemo } from '../../../src/server/index.js';
import { fastClock, nextEvent, record } from './client-events.js';

/**
 * AccordClient end to end against the real embedded AccordServer (no scripted peer): seeded
 * tokens, REST from another user, fault injection, outbound ops and the server's rate limit.
 */

let server: AccordServer;
let seeded: SeededDemo;
const clients: AccordClient[] = [];
/** Frames or event data the client could not read: the embedded server must send none. */
let unreadable: string[] = [];

async function startServer(options: AccordServerOptions = {}): Promise<void> {
  server = await AccordServer.start({ port: 0, seed: 'demo', ...options });
  if (!server.seeded) throw new Error('the demo seed did not run');
  seeded = server.seeded;
}

beforeEach(async () => {
  await startServer();
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.logout();
  await server.close();
  const seen = unreadable;
  unreadable = [];
  expect(seen).toEqual([]);
});

function watch(client: AccordClient): AccordClient {
  clients.push(client);
  client.on('error', (error) => {
    if (error.kind === 'invalid_data' || error.kind === 'malformed_frame') unreadable.push(error.message);
  });
  return client;
}

function user(name: string): SeededDemo['users'][number] {
  const found = seeded.users.find((candidate) => candidate.username === name);
  if (!found) throw new Error(`no seeded user ${name}`);
  return found;
}

function lounge(): SeededDemo['spaces'][number] {
  const space = seeded.spaces[0];
  if (!space) throw new Error('no seeded space');
  return space;
}

function channelNamed(name: string): string {
  const channel = lounge().channels.find((candidate) => candidate.name === name);
  if (!channel) throw new Error(`no channel ${name}`);
  return channel.id;
}

function clientFor(name: string, options: Partial<AccordClientOptions> = {}): AccordClient {
  const client = new AccordClient({
    baseUrl: server.url,
    token: user(name).token,
    WebSocket,
    clock: fastClock(),
    random: () => 0,
    ...options,
  });
  return watch(client);
}

function restFor(name: string): AccordRest {
  return new AccordRest({ baseUrl: server.url, token: user(name).token });
}

function messageIds(events: [Message][]): string[] {
  return events.map(([message]) => message.id);
}

describe('AccordClient against the embedded AccordServer', () => {
  it('logs in with a seeded Bearer token: READY is typed and matches the seed', async () => {
    const alice = clientFor('alice');
    const ready = await alice.login();
    expect(ready.user_id).toBe(user('alice').id);
    expect(ready.user?.username).toBe('alice');
    expect(ready.is_guest).toBe(false);
    expect(ready.spaces.map((space) => space.id).sort()).toEqual(seeded.spaces.map((space) => space.id).sort());
    const loungeChannels = ready.channels.filter((channel) => channel.space_id === lounge().id).map((channel) => channel.id);
    expect(loungeChannels).toEqual(lounge().channels.map((channel) => channel.id));
    expect(ready.dm_channels.map((channel) => channel.id).sort()).toEqual(seeded.dms.map((dm) => dm.id).sort());
    expect(ready.session_id).toMatch(/^\d+$/);
    expect(alice.gateway.state).toBe('connected');
    expect(alice.gateway.seq).toBe(1);
    expect(alice.user?.id).toBe(user('alice').id);
  });

  it('logs in with the seeded Bot token', async () => {
    const bot = watch(new AccordClient({ baseUrl: server.url, token: seeded.bot.token, tokenType: 'Bot', WebSocket }));
    const ready = await bot.login();
    expect(ready.user_id).toBe(seeded.bot.id);
    expect(ready.user?.bot).toBe(true);
    expect(ready.spaces.map((space) => space.id)).toContain(lounge().id);
    expect((await bot.rest.getCurrentUser()).id).toBe(seeded.bot.id);
  });

  it("receives, as message.create, a message another seeded user posts over REST", async () => {
    const alice = clientFor('alice');
    await alice.login();
    const general = channelNamed('general');
    const arriving = nextEvent(alice, 'message.create', (message) => message.content === 'hello from bob');
    const sent = await restFor('bob').createMessage(general, 'hello from bob');
    const [message] = await arriving;
    expect(message).toMatchObject({ id: sent.id, channel_id: general, author_id: user('bob').id, space_id: lounge().id });
    expect(alice.gateway.seq).toBeGreaterThan(1);
  });

  it('dropAll: reconnecting, then resumed with the missed message replayed exactly once, then live events', async () => {
    const alice = clientFor('alice');
    await alice.login();
    const sessionId = alice.gateway.sessionId;
    const general = channelNamed('general');
    const created = record(alice, 'message.create');
    const reconnecting = record(alice, 'reconnecting');
    const order: string[] = [];
    alice.on('reconnecting', () => order.push('reconnecting'));
    alice.on('resumed', () => order.push('resumed'));
    alice.on('ready', () => order.push('ready'));
    const recovered = nextEvent(alice, 'recovered');

    const dropped = server.faults.dropAll();
    expect(dropped.hit).toEqual([sessionId]);
    // Posted while the client is away: the parked session buffers it for the replay.
    const missed = await restFor('bob').createMessage(general, 'sent while alice was away');
    const [info] = await recovered;

    expect(info).toEqual<RecoveryInfo>({ kind: 'resumed', replayed: 1 });
    expect(order).toEqual(['reconnecting', 'resumed']);
    expect(reconnecting).toEqual([[1, 10]]);
    expect(alice.gateway.sessionId).toBe(sessionId);
    expect(messageIds(created)).toEqual([missed.id]);

    const live = nextEvent(alice, 'message.create', (message) => message.content === 'after the resume');
    const after = await restFor('bob').createMessage(general, 'after the resume');
    await live;
    expect(messageIds(created)).toEqual([missed.id, after.id]);
  });

  it('invalidate while live: op 7, a fresh IDENTIFY and recovered {kind: "reidentified"}', async () => {
    const alice = clientFor('alice');
    await alice.login();
    const oldSession = alice.gateway.sessionId;
    const readies = record(alice, 'ready');
    const resumed = record(alice, 'resumed');
    const reconnecting = record(alice, 'reconnecting');
    const recovered = nextEvent(alice, 'recovered');

    expect(server.faults.invalidate().hit).toEqual([oldSession]);
    const [info] = await recovered;

    expect(info).toEqual<RecoveryInfo>({ kind: 'reidentified' });
    // op 7 and the socket drop that follows it are one loss, not two.
    expect(reconnecting).toEqual([[1, 10]]);
    expect(readies).toHaveLength(1);
    expect(resumed).toHaveLength(0);
    expect(alice.gateway.sessionId).not.toBe(oldSession);
    expect(alice.gateway.state).toBe('connected');
  });

  it('invalidate while parked: the RESUME gets op 7, then IDENTIFY and recovered {kind: "reidentified"} (no RESUME loop)', async () => {
    const alice = clientFor('alice');
    await alice.login();
    const oldSession = alice.gateway.sessionId;
    const debug = record(alice, 'debug');
    const reconnecting = record(alice, 'reconnecting');
    const recovered = nextEvent(alice, 'recovered');

    server.faults.dropAll();
    expect(server.sessionState(oldSession ?? '')).toBe('parked');
    server.faults.invalidate();
    const [info] = await recovered;

    expect(info).toEqual<RecoveryInfo>({ kind: 'reidentified' });
    expect(alice.gateway.sessionId).not.toBe(oldSession);
    const resumes = debug.filter(([line]) => line.startsWith('resume session'));
    const identifies = debug.filter(([line]) => line.startsWith('identify with'));
    expect(resumes).toHaveLength(1);
    expect(identifies).toHaveLength(1);
    expect(reconnecting).toEqual([
      [1, 10],
      [2, 10],
    ]);
  });

  it('a bad token: login() rejects with the typed auth error (no token in it) and disconnected(4004) is emitted', async () => {
    const badToken = 'f'.repeat(64);
    const lines: string[] = [];
    const logger = { debug: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const client = watch(new AccordClient({ baseUrl: server.url, token: badToken, WebSocket, clock: fastClock(), random: () => 0, logger }));
    const disconnected = record(client, 'disconnected');
    const debug = record(client, 'debug');
    const reconnecting = record(client, 'reconnecting');

    const error = await client.login().then(
      () => {
        throw new Error('login() resolved with a bad token');
      },
      (reason: unknown) => reason,
    );

    expect(error).toBeInstanceOf(GatewayAuthError);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayAuthError).kind).toBe('auth');
    expect((error as GatewayAuthError).code).toBe(4004);
    expect(disconnected).toHaveLength(1);
    expect(disconnected[0]?.[0]).toBe(4004);
    // op 7 answering IDENTIFY: a retry can never succeed, so no reconnect at all.
    expect(reconnecting).toEqual([]);
    expect(client.gateway.state).toBe('disconnected');
    const everything = [String(error), (error as Error).stack ?? '', JSON.stringify(error), ...disconnected.flat().map(String), ...debug.flat(), ...lines];
    for (const text of everything) expect(text).not.toContain(badToken);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('updatePresence reaches another session as presence.update', async () => {
    const alice = clientFor('alice');
    const bob = clientFor('bob');
    await Promise.all([alice.login(), bob.login()]);
    const seen = nextEvent(bob, 'presence.update', (presence) => presence.user_id === user('alice').id && presence.status === 'dnd');
    await alice.updatePresence('dnd', { name: 'Chess' });
    const [presence] = await seen;
    expect(presence.activities).toEqual([{ name: 'Chess' }]);
    expect(presence.client_status).toEqual({ desktop: 'dnd' });
  });

  it('updateVoiceState into a seeded voice channel yields voice.state_update and voice.server_update; null leaves', async () => {
    const alice = clientFor('alice');
    const bob = clientFor('bob');
    await Promise.all([alice.login(), bob.login()]);
    const lobby = channelNamed('Lobby');
    const aliceId = user('alice').id;

    const ownState = nextEvent(alice, 'voice.state_update', (state) => state.user_id === aliceId);
    const peerState = nextEvent(bob, 'voice.state_update', (state) => state.user_id === aliceId);
    const serverUpdate = nextEvent(alice, 'voice.server_update');
    const bobServerUpdates = record(bob, 'voice.server_update');
    await alice.updateVoiceState({ spaceId: lounge().id, channelId: lobby, selfMute: true });

    const [[state], [peer], [voiceServer]] = await Promise.all([ownState, peerState, serverUpdate]);
    expect(state).toMatchObject({ channel_id: lobby, space_id: lounge().id, self_mute: true, self_deaf: false });
    expect(state.session_id).toBe(alice.gateway.sessionId);
    expect(peer).toMatchObject({ user_id: aliceId, channel_id: lobby });
    expect(voiceServer).toMatchObject({ channel_id: lobby, space_id: lounge().id, backend: 'livekit' });
    expect(typeof voiceServer.token).toBe('string');

    const left = nextEvent(bob, 'voice.state_update', (update) => update.user_id === aliceId && update.channel_id === null);
    await alice.updateVoiceState({ channelId: null });
    const [leave] = await left;
    expect(leave.space_id).toBe(lounge().id);
    // voice.server_update is session-direct: never another session's.
    expect(bobServerUpdates).toHaveLength(0);
  });

  it('requestMembers yields member.chunk with the space members REST lists', async () => {
    const alice = clientFor('alice');
    await alice.login();
    const chunk = nextEvent(alice, 'member.chunk', (data) => data.space_id === lounge().id);
    await alice.requestMembers(lounge().id);
    const [data] = await chunk;
    const viaRest = await alice.rest.listMembers(lounge().id);
    expect(data.chunk_index).toBe(0);
    expect(data.chunk_count).toBe(1);
    expect(data.members.map((member) => member.user_id).sort()).toEqual(viaRest.map((member) => member.user_id).sort());
    expect(data.members.length).toBe(seeded.users.length + 1);

    const filtered = nextEvent(alice, 'member.chunk', (update) => update.members.length === 1);
    await alice.requestMembers(lounge().id, 'bo', 5);
    const [only] = await filtered;
    expect(only.members[0]?.user_id).toBe(user('bob').id);
  });

  it('an op while not connected is a typed error, not a silent drop', () => {
    const alice = clientFor('alice');
    expect(() => alice.updatePresence('idle')).toThrow(GatewayError);
    expect(() => alice.requestMembers(lounge().id)).toThrow(/not_connected|while disconnected/);
  });
});

describe('transport faults from the embedded server', () => {
  it('zombie: the server stops acking, the client drops the socket without a Close frame and RESUMEs the same session', async () => {
    await server.close();
    // HELLO says 1 s; the fast clock makes that 100 ms of real time between beats.
    await startServer({ heartbeatIntervalMs: 1000 });
    const alice = clientFor('alice');
    await alice.login();
    const sessionId = alice.gateway.sessionId ?? '';
    const debug = record(alice, 'debug');
    const recovered = nextEvent(alice, 'recovered');

    server.faults.stopAcking(60_000, sessionId);
    const [info] = await recovered;

    expect(debug.some(([line]) => line.includes('heartbeat not acknowledged'))).toBe(true);
    // A Close frame would have destroyed the session; resuming it proves there was none.
    expect(info).toEqual<RecoveryInfo>({ kind: 'resumed', replayed: 0 });
    expect(alice.gateway.sessionId).toBe(sessionId);
    expect(server.sessionState(sessionId)).toBe('live');
  });

  it('op 6 RECONNECT: abandons the socket and resumes', async () => {
    const alice = clientFor('alice');
    await alice.login();
    const sessionId = alice.gateway.sessionId;
    const recovered = nextEvent(alice, 'recovered');
    server.faults.reconnect();
    expect(await recovered).toEqual([{ kind: 'resumed', replayed: 0 }]);
    expect(alice.gateway.sessionId).toBe(sessionId);
  });

  it('close 4008 (session destroyed): reconnects after the backoff with a fresh IDENTIFY', async () => {
    const alice = clientFor('alice');
    await alice.login();
    const sessionId = alice.gateway.sessionId;
    const reconnecting = nextEvent(alice, 'reconnecting');
    const recovered = nextEvent(alice, 'recovered');
    server.faults.closeWith(4008, 'rate limit exceeded');
    expect(await reconnecting).toEqual([1, 10]);
    expect(await recovered).toEqual([{ kind: 'reidentified' }]);
    expect(alice.gateway.sessionId).not.toBe(sessionId);
  });

  it.each([4003, 4004, 4012, 4013, 4014])('close %i is fatal: disconnected with that code, no reconnect', async (code) => {
    const alice = clientFor('alice');
    await alice.login();
    const reconnecting = record(alice, 'reconnecting');
    const disconnected = nextEvent(alice, 'disconnected');
    server.faults.closeWith(code, 'go away');
    expect(await disconnected).toEqual([code, 'go away']);
    expect(alice.gateway.state).toBe('disconnected');
    // Give a wrongly scheduled reconnect (≥ 100 ms on the fast clock) time to show itself.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reconnecting).toEqual([]);
    expect(server.liveSessionCount).toBe(0);
  });
});

describe('outbound pacing against the server rate limit', () => {
  const limit = { frames: 40, windowMs: 500 };
  // The default slack is a tenth of the window (5 s of 60 s on the real server); this window is
  // so short that a loaded test machine's stalls exceed that, so the test client keeps more.
  const pacing = { ...limit, slackMs: 250 };

  beforeEach(async () => {
    await server.close();
    await startServer({ rateLimit: limit });
  });

  function burst(client: AccordClient, count: number): Promise<void[]> {
    return Promise.all(Array.from({ length: count }, (_, n) => client.updatePresence('online', { name: `burst-${n}` })));
  }

  it('without pacing, the same burst is closed with 4008 (the limit is live in this test)', async () => {
    const careless = clientFor('carol', { clock: undefined, gateway: { outboundRateLimit: { frames: 10_000, windowMs: limit.windowMs } } });
    await careless.login();
    const debug = record(careless, 'debug');
    const reconnecting = nextEvent(careless, 'reconnecting');
    void burst(careless, 200);
    await reconnecting;
    expect(debug.some(([line]) => line.includes('close 4008'))).toBe(true);
  });

  it('200 presence updates in a burst are paced under the limit: no 4008, all delivered in order', async () => {
    const alice = clientFor('alice', { clock: undefined, gateway: { outboundRateLimit: pacing } });
    const bob = clientFor('bob');
    await Promise.all([alice.login(), bob.login()]);
    const aliceId = user('alice').id;
    const names: string[] = [];
    bob.on('presence.update', (presence) => {
      const activity = presence.activities[0] as { name?: unknown } | undefined;
      if (presence.user_id === aliceId && typeof activity?.name === 'string') names.push(activity.name);
    });
    const lost = record(alice, 'reconnecting');
    const disconnected = record(alice, 'disconnected');
    const sessionId = alice.gateway.sessionId;

    await burst(alice, 200);
    const last = 'burst-199';
    await expect.poll(() => names.includes(last), { timeout: 10_000 }).toBe(true);

    expect(lost).toEqual([]);
    expect(disconnected).toEqual([]);
    expect(alice.gateway.state).toBe('connected');
    expect(alice.gateway.sessionId).toBe(sessionId);
    // Presence fans out once per shared space plus once to friends: keep the first of each name.
    const firsts = names.filter((name, index) => names.indexOf(name) === index);
    expect(firsts).toEqual(Array.from({ length: 200 }, (_, n) => `burst-${n}`));
  });
});
