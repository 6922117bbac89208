import { describe, expect, it } from 'vitest';
import { GatewayIntents } from '../../../src/protocol/index.js';
import { GatewaySocket, gatewayUrlFromBase } from '../../../src/gateway/index.js';
import type { IdentifyData, ResumeData } from '../../../src/protocol/index.js';
import { createHarness, TOKEN } from './harness.js';
import { messageFrame } from './fixtures.js';
import { fakeWebSocketClass } from './fake-ws.js';

describe('gateway URL', () => {
  it('derives ws/wss + /ws?v=1&encoding=json from the base URL', () => {
    expect(gatewayUrlFromBase('http://127.0.0.1:3000')).toBe('ws://127.0.0.1:3000/ws?v=1&encoding=json');
    expect(gatewayUrlFromBase('https://chat.example.org/')).toBe('wss://chat.example.org/ws?v=1&encoding=json');
    expect(gatewayUrlFromBase('https://chat.example.org/api/v1')).toBe('wss://chat.example.org/ws?v=1&encoding=json');
  });

  it('uses gatewayUrl as given and baseUrl otherwise', () => {
    const fake = fakeWebSocketClass();
    const derived = new GatewaySocket({ token: 't', baseUrl: 'https://h.example', intents: [], WebSocket: fake.WebSocket });
    void derived.connect().catch(() => {});
    expect(fake.last().url).toBe('wss://h.example/ws?v=1&encoding=json');
    derived.disconnect();
    const explicit = new GatewaySocket({ token: 't', baseUrl: 'https://h.example', gatewayUrl: 'ws://other:1/ws', WebSocket: fake.WebSocket });
    void explicit.connect().catch(() => {});
    expect(fake.last().url).toBe('ws://other:1/ws');
    explicit.disconnect();
  });
});

describe('HELLO -> IDENTIFY -> READY (behaviour 1)', () => {
  it('sends IDENTIFY with the prefixed token, string intents and properties, and resolves on READY', async () => {
    const { gw, fake, recorded, connectReady } = createHarness({ presence: { status: 'dnd' } });
    const socket = await connectReady('sess-42');
    const [identify] = socket.framesWithOp(2);
    const data = identify?.data as IdentifyData;
    expect(data.token).toBe(`Bot ${TOKEN}`);
    expect(data.intents).toEqual(GatewayIntents.all());
    expect(data.intents.every((intent) => typeof intent === 'string')).toBe(true);
    expect(data.properties).toMatchObject({ client: 'accordkit', version: expect.any(String), os: expect.any(String) });
    expect(data.presence).toEqual({ status: 'dnd' });
    expect(gw.state).toBe('connected');
    expect(gw.sessionId).toBe('sess-42');
    expect(gw.seq).toBe(1);
    expect(fake.sockets).toHaveLength(1);
    expect(recorded.states).toEqual([
      ['connecting', 'disconnected'],
      ['connected', 'connecting'],
    ]);
  });

  it('defaults tokenType to Bearer and does not double a prefix already present', async () => {
    const bearer = createHarness({ tokenType: undefined });
    const socket = await bearer.connectReady();
    expect((socket.framesWithOp(2)[0]?.data as IdentifyData).token).toBe(`Bearer ${TOKEN}`);
    const prefixed = createHarness({ token: `Bot ${TOKEN}` });
    const other = await prefixed.connectReady();
    expect((other.framesWithOp(2)[0]?.data as IdentifyData).token).toBe(`Bot ${TOKEN}`);
  });

  it('sends RESUME {token, session_id, seq} on the next connection when a session exists', async () => {
    const { connectReady, runUntilNewSocket, gw } = createHarness();
    const first = await connectReady('sess-7');
    first.receive(messageFrame(2));
    first.receive(messageFrame(3));
    first.drop(1006);
    expect(gw.state).toBe('resuming');
    const second = runUntilNewSocket();
    second.hello();
    expect(second.framesWithOp(2)).toHaveLength(0);
    const resume = second.framesWithOp(3)[0]?.data as ResumeData;
    expect(resume).toEqual({ token: `Bot ${TOKEN}`, session_id: 'sess-7', seq: 3 });
  });
});
