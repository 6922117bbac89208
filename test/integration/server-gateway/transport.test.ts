import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { AccordServer } from '../../../src/server/index.js';
import { Peer } from './peer.js';
import { connect, createWorld } from './fixture.js';
import type { World } from './fixture.js';

const INVALID = { op: 7, data: { resumable: false } };

let server: AccordServer | undefined;
let world: World | undefined;
afterEach(async () => {
  await server?.close();
  await world?.server.close();
  server = undefined;
  world = undefined;
});

/** Sends raw bytes on a TCP socket and returns the first response line. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (text.includes('\r\n')) {
        socket.destroy();
        resolve(text.split('\r\n')[0] ?? '');
      }
    });
    socket.on('error', reject);
  });
}

describe('gateway transport (real sockets)', () => {
  it('sends HELLO first, with a positive heartbeat_interval; the query string is ignored', async () => {
    server = await AccordServer.start({ seed: 'empty', heartbeatIntervalMs: 45_000 });
    const peer = await Peer.open(`${server.gatewayUrl}?v=1&encoding=json`);
    const hello = await peer.waitFor(() => true);
    expect(hello).toEqual({ op: 5, data: { heartbeat_interval: 45_000 } });
    await peer.close();
  });

  it('answers a plain GET /ws without upgrade with a 4xx', async () => {
    server = await AccordServer.start({ seed: 'empty' });
    const response = await fetch(`${server.url}/ws`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    server = await AccordServer.start({ seed: 'empty' });
    const port = Number(new URL(server.url).port);
    const line = await rawRequest(
      port,
      'GET /api/v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(line).toMatch(/^HTTP\/1\.1 404/);
  });

  it('acks a heartbeat before IDENTIFY', async () => {
    server = await AccordServer.start({ seed: 'empty' });
    const peer = await Peer.open(server.gatewayUrl);
    await peer.waitFor((f) => f.op === 5);
    peer.send({ op: 1 });
    expect(await peer.waitFor((f) => f.op !== 5)).toEqual({ op: 4 });
    await peer.close();
  });

  it('op 99 before IDENTIFY: immediate op 7 then a drop without a Close frame (1006)', async () => {
    server = await AccordServer.start({ seed: 'empty' });
    const peer = await Peer.open(server.gatewayUrl);
    await peer.waitFor((f) => f.op === 5);
    peer.send({ op: 99 });
    expect(await peer.waitFor((f) => f.op === 7)).toEqual(INVALID);
    expect((await peer.closed).code).toBe(1006);
  });

  it('an unknown Bot token gets op 7 and an abnormal closure', async () => {
    server = await AccordServer.start({ seed: 'empty' });
    const peer = await Peer.open(server.gatewayUrl);
    await peer.waitFor((f) => f.op === 5);
    peer.send({ op: 2, data: { token: 'Bot 0000', intents: ['messages'] } });
    expect(await peer.waitFor((f) => f.op === 7)).toEqual(INVALID);
    expect((await peer.closed).code).toBe(1006);
  });

  it('times out a silent handshake with op 7', async () => {
    server = await AccordServer.start({ seed: 'empty', handshakeTimeoutMs: 100 });
    const peer = await Peer.open(server.gatewayUrl);
    expect(await peer.waitFor((f) => f.op === 7)).toEqual(INVALID);
    expect((await peer.closed).code).toBe(1006);
  });

  it('IDENTIFY with a Bearer user token -> READY seq 1 with user_id and the user spaces', async () => {
    world = await createWorld();
    const { ready, peer } = await connect(world.server, world.member);
    expect(peer.dispatches('ready')[0]?.seq).toBe(1);
    expect(ready.user_id).toBe(world.member.id);
    expect((ready.spaces as { id: string }[]).map((s) => s.id)).toContain(world.spaceId);
    for (const key of ['session_id', 'user', 'channels', 'members', 'roles', 'users', 'voice_states', 'dm_channels', 'mutes', 'unread', 'presences', 'relationships', 'is_guest', 'api_version', 'server_version', 'motd']) {
      expect(ready).toHaveProperty(key);
    }
    await peer.close();
  });

  it('IDENTIFY with a Bot token -> READY with the bot user id', async () => {
    world = await createWorld();
    const app = await fetch(`${world.server.url}/api/v1/applications`, {
      method: 'POST',
      headers: { authorization: world.owner.header, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Helper' }),
    }).then((r) => r.json() as Promise<{ data: { token: string; application: Record<string, unknown> } }>);
    const peer = await Peer.open(world.server.gatewayUrl);
    const ready = await peer.identify(`Bot ${app.data.token}`, ['messages']);
    expect(typeof ready.user_id).toBe('string');
    expect(ready.user_id).not.toBe(world.owner.id);
    expect((ready.user as { bot: boolean }).bot).toBe(true);
    await peer.close();
  });
});
