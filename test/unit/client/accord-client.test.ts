import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AccordClient, type AccordClientEvents } from '../../../src/client/index.js';
import { GATEWAY_EVENT_TYPES, GatewayIntents, GatewayOpcodes } from '../../../src/protocol/index.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import { FakeFetch, TOKEN, json, userJson } from '../rest/fake-fetch.js';
import { readyData, socketFactory } from './fake-socket.js';

function makeClient(fake = new FakeFetch(json({ data: null }))) {
  const { WebSocket, sockets } = socketFactory();
  const clock = new FakeClock();
  const client = new AccordClient({
    baseUrl: 'http://127.0.0.1:3000',
    token: TOKEN,
    WebSocket,
    clock,
    random: () => 0.5,
    fetch: fake.fetch,
  });
  return { client, sockets, clock, fake };
}

async function loggedIn() {
  const setup = makeClient();
  const ready = setup.client.login();
  const socket = setup.sockets[0];
  if (!socket) throw new Error('no socket opened');
  socket.receive({ op: GatewayOpcodes.HELLO, data: { heartbeat_interval: 45_000 } });
  socket.receive({ op: GatewayOpcodes.EVENT, type: 'ready', seq: 1, data: readyData() });
  await ready;
  return { ...setup, socket };
}

type Emit = (event: string, ...args: unknown[]) => boolean;

describe('AccordClient', () => {
  it('login() identifies with the token, every intent by default, and resolves with READY', async () => {
    const { client, sockets } = makeClient();
    let userAtReady: unknown;
    client.on('ready', () => {
      userAtReady = client.user?.id;
    });
    const ready = client.login();
    const socket = sockets[0];
    expect(socket?.url).toBe('ws://127.0.0.1:3000/ws?v=1&encoding=json');
    socket?.receive({ op: GatewayOpcodes.HELLO, data: { heartbeat_interval: 45_000 } });
    const identify = socket?.sentOp(GatewayOpcodes.IDENTIFY)[0]?.data as { token: string; intents: string[] };
    expect(identify.token).toBe(`Bearer ${TOKEN}`);
    expect(identify.intents).toEqual(GatewayIntents.all());
    socket?.receive({ op: GatewayOpcodes.EVENT, type: 'ready', seq: 1, data: readyData('u1') });
    const data = await ready;
    expect(data.session_id).toBe('sess-1');
    expect(client.user?.username).toBe('alice');
    expect(userAtReady).toBe('u1');
    expect(client.gateway.state).toBe('connected');
  });

  it('re-emits every wire event and lifecycle event with the same name and the same arguments', () => {
    const { client } = makeClient();
    const lifecycle: (keyof AccordClientEvents)[] = ['raw', 'error', 'disconnected', 'reconnecting', 'stateChange', 'debug', 'recovered'];
    const names = [...GATEWAY_EVENT_TYPES, ...lifecycle] as (keyof AccordClientEvents)[];
    const received = new Map<string, unknown[]>();
    for (const name of names) {
      client.on(name, (...args: unknown[]) => {
        received.set(name, args);
      });
    }
    const emit = client.gateway.emit.bind(client.gateway) as unknown as Emit;
    for (const name of names) emit(name, { marker: name }, 2);
    expect(received.size).toBe(names.length);
    for (const name of names) expect(received.get(name)).toEqual([{ marker: name }, 2]);
  });

  it('wires each event to the gateway once, however many listeners the client has', () => {
    const { client } = makeClient();
    const calls: string[] = [];
    client.on('message.delete', () => calls.push('a'));
    client.on('message.delete', () => calls.push('b'));
    client.once('message.delete', () => calls.push('once'));
    const emit = client.gateway.emit.bind(client.gateway) as unknown as Emit;
    emit('message.delete', { id: 'm', channel_id: 'c' });
    emit('message.delete', { id: 'm', channel_id: 'c' });
    expect(calls).toEqual(['a', 'b', 'once', 'a', 'b']);
    expect(client.gateway.listenerCount('message.delete')).toBe(1);
  });

  it('delivers parsed dispatches from the socket and keeps user current on self user.update', async () => {
    const { client, socket } = await loggedIn();
    const messages: string[] = [];
    client.on('message.create', (message) => messages.push(`${message.author_id}:${message.content}`));
    socket.receive({ op: 0, type: 'message.create', seq: 2, data: { id: 'm1', channel_id: 'c1', author_id: 'u2', content: 'hey', timestamp: 'x' } });
    expect(messages).toEqual(['u2:hey']);

    socket.receive({ op: 0, type: 'user.update', seq: 3, data: { id: 'u9', username: 'other', display_name: 'O', avatar: null, bot: false, system: false } });
    expect(client.user?.display_name).toBe('Alice');
    socket.receive({ op: 0, type: 'user.update', seq: 4, data: { id: 'u1', username: 'alice', display_name: 'Alicia', avatar: null, bot: false, system: false } });
    expect(client.user?.display_name).toBe('Alicia');
    // the public form does not wipe private fields
    expect(client.user?.is_admin).toBe(true);
  });

  it('logout() closes the gateway with 1000 and does not revoke the token by default', async () => {
    const { client, socket, fake } = await loggedIn();
    const disconnected: number[] = [];
    client.on('disconnected', (code) => disconnected.push(code));
    await client.logout();
    expect(socket.closedWith).toBe(1000);
    expect(client.gateway.state).toBe('disconnected');
    expect(disconnected).toEqual([1000]);
    expect(client.user).toBeNull();
    expect(fake.calls).toHaveLength(0);
  });

  it('logout({ revoke: true }) also posts /auth/logout with the token', async () => {
    const { client, fake } = await loggedIn();
    await client.logout({ revoke: true });
    expect(fake.calls.map((call) => `${call.method} ${call.url.pathname}`)).toEqual(['POST /api/v1/auth/logout']);
    expect(fake.calls[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('delegates REST conveniences to rest and outbound ops to the gateway', async () => {
    const fake = new FakeFetch(json({ data: { id: 'm1', channel_id: 'c1', author_id: 'u1', content: 'hello', timestamp: 'x' } }));
    const setup = makeClient(fake);
    const sent = await setup.client.sendMessage('c1', 'hello');
    expect(sent.id).toBe('m1');
    expect(fake.calls[0]?.body).toEqual({ content: 'hello' });

    const ready = setup.client.login();
    const socket = setup.sockets[0];
    socket?.receive({ op: 5, data: { heartbeat_interval: 45_000 } });
    socket?.receive({ op: 0, type: 'ready', seq: 1, data: readyData() });
    await ready;
    await setup.client.updatePresence('idle');
    await setup.client.updateVoiceState({ channelId: 'dm-call' });
    expect(socket?.sentOp(GatewayOpcodes.PRESENCE_UPDATE)[0]?.data).toMatchObject({ status: 'idle' });
    const voice = socket?.sentOp(GatewayOpcodes.VOICE_STATE_UPDATE)[0]?.data as Record<string, unknown>;
    expect(voice['channel_id']).toBe('dm-call');
    expect('space_id' in voice).toBe(false);
  });

  it('loginWithPassword() gets a Bearer token over REST and builds a client with it', async () => {
    const fake = new FakeFetch(json({ data: { user: userJson('1'), token: TOKEN } }), json({ data: userJson('1') }));
    const client = await AccordClient.loginWithPassword('http://127.0.0.1:3000', 'alice', 'correct horse', { fetch: fake.fetch });
    expect(fake.calls[0]?.url.pathname).toBe('/api/v1/auth/login');
    expect(fake.calls[0]?.headers['authorization']).toBeUndefined();
    await client.rest.getCurrentUser();
    expect(fake.calls[1]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(client.gateway.state).toBe('disconnected');
  });

  it('never shows the token through String, JSON.stringify or inspect', async () => {
    const { client } = await loggedIn();
    expect(String(client)).not.toContain(TOKEN);
    expect(JSON.stringify(client)).not.toContain(TOKEN);
    expect(JSON.stringify(client)).toContain('u1');
    expect(inspect(client, { depth: 6 })).not.toContain(TOKEN);
  });
});
