import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket as WsWebSocket } from 'ws';
import { GatewaySocket } from '../../../src/gateway/index.js';
import type { GatewayError, GatewaySocketOptions, WebSocketConstructor } from '../../../src/gateway/index.js';
import type { IdentifyData, ResumeData } from '../../../src/protocol/index.js';
import type { Message } from '../../../src/models/index.js';
import type { Clock } from '../../../src/util/clock.js';
import { messageFrame, readyFrame, resumedFrame } from '../../unit/gateway/fixtures.js';
import { ScriptedPeer } from './scripted-peer.js';

const TOKEN = 'integration_token_5e1d';

// Both the `ws` class and the browser's class fit the transport's constructor type.
const wsCtor: WebSocketConstructor = WsWebSocket;
const domCtor: WebSocketConstructor | undefined = (globalThis as { WebSocket?: typeof globalThis.WebSocket }).WebSocket;
void domCtor;

/** Real timers, every delay divided by 20, so backoff and heartbeats pass quickly. */
const fastClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms / 20),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

let peer: ScriptedPeer;
let gateway: GatewaySocket | undefined;

beforeEach(async () => {
  peer = await ScriptedPeer.start();
});

afterEach(async () => {
  gateway?.disconnect();
  gateway = undefined;
  await peer.close();
});

function open(options: Partial<GatewaySocketOptions> = {}): GatewaySocket {
  gateway = new GatewaySocket({
    token: TOKEN,
    tokenType: 'Bearer',
    baseUrl: peer.url,
    WebSocket: wsCtor,
    clock: fastClock,
    random: () => 0,
    ...options,
  });
  return gateway;
}

describe('GatewaySocket over real sockets', () => {
  it('IDENTIFY -> READY', async () => {
    const gw = open();
    const ready = gw.connect();
    const connection = await peer.nextConnection();
    connection.ackHeartbeats();
    connection.hello(45_000);
    const identify = await connection.next(2);
    expect((identify.data as IdentifyData).token).toBe(`Bearer ${TOKEN}`);
    expect(Array.isArray((identify.data as IdentifyData).intents)).toBe(true);
    connection.send(readyFrame('sess-int'));
    const data = await ready;
    expect(data.session_id).toBe('sess-int');
    expect(gw.state).toBe('connected');
    expect(gw.sessionId).toBe('sess-int');
  });

  it('the default WebSocket (ws loaded lazily) connects too', async () => {
    const gw = open({ WebSocket: undefined });
    const ready = gw.connect();
    const connection = await peer.nextConnection();
    connection.hello(45_000);
    await connection.next(2);
    connection.send(readyFrame('sess-default'));
    await expect(ready).resolves.toMatchObject({ session_id: 'sess-default' });
  });

  it('zombie -> drops without a Close frame, RESUMEs with the right seq; replay then live, none twice', async () => {
    const gw = open();
    const ids: string[] = [];
    gw.on('message.create', (message: Message) => ids.push(message.id));
    const recovered: unknown[] = [];
    gw.on('recovered', (info) => recovered.push(info));
    const ready = gw.connect();
    const first = await peer.nextConnection();
    first.hello(10_000); // 500 ms of real time; beats are never acknowledged
    await first.next(2);
    first.send(readyFrame('sess-z'));
    await ready;
    const seenThird = new Promise<void>((resolve) =>
      gw.on('message.create', (message: Message) => {
        if (message.id === 'm-3') resolve();
      }),
    );
    first.send(messageFrame(2));
    first.send(messageFrame(3));
    await seenThird;
    await first.next(1); // the first beat goes unanswered...
    const closed = await first.closed; // ...so the next tick abandons the socket
    expect(closed.code).toBe(1006); // a TCP drop: no Close frame was sent

    const second = await peer.nextConnection();
    second.ackHeartbeats();
    second.hello(45_000);
    const resume = await second.next(3);
    expect(resume.data as ResumeData).toEqual({ token: `Bearer ${TOKEN}`, session_id: 'sess-z', seq: 3 });
    expect(second.received.some((frame) => frame.op === 2)).toBe(false);
    const resumed = new Promise((resolve) => gw.once('resumed', resolve));
    second.send(messageFrame(3)); // overlap: already seen
    second.send(messageFrame(4));
    second.send(messageFrame(5));
    second.send(resumedFrame('sess-z', 5, 3));
    await resumed;
    const live = new Promise((resolve) => gw.once('message.create', resolve));
    second.send(messageFrame(5)); // a duplicate after resume is dropped as well
    second.send(messageFrame(6));
    await live;
    expect(ids).toEqual(['m-2', 'm-3', 'm-4', 'm-5', 'm-6']);
    expect(gw.seq).toBe(6);
    expect(recovered).toEqual([{ kind: 'resumed', replayed: 2 }]);
  });

  it('op 7 {resumable:false} answering RESUME -> a fresh IDENTIFY, no RESUME loop', async () => {
    const gw = open();
    const reconnecting: number[] = [];
    gw.on('reconnecting', (attempt) => reconnecting.push(attempt));
    const ready = gw.connect();
    const first = await peer.nextConnection();
    first.ackHeartbeats();
    first.hello(45_000);
    await first.next(2);
    first.send(readyFrame('sess-a'));
    await ready;
    first.send(messageFrame(2));
    await new Promise((resolve) => gw.once('message.create', resolve));
    first.drop();

    const second = await peer.nextConnection();
    second.hello(45_000);
    await second.next(3);
    second.send({ op: 7, data: { resumable: false } });
    second.drop(); // accordserver drops right after op 7

    const third = await peer.nextConnection();
    third.ackHeartbeats();
    third.hello(45_000);
    const identify = await third.next(2);
    expect((identify.data as IdentifyData).token).toBe(`Bearer ${TOKEN}`);
    const reidentified = new Promise((resolve) => gw.once('recovered', resolve));
    third.send(readyFrame('sess-b'));
    await expect(reidentified).resolves.toEqual({ kind: 'reidentified' });
    expect(gw.sessionId).toBe('sess-b');
    const resumes = peer.connections.flatMap((connection) => connection.received.filter((frame) => frame.op === 3));
    expect(resumes).toHaveLength(1);
    expect(reconnecting).toEqual([1, 2]);
  });

  it('malformed frames are reported and skipped; the next frame is processed', async () => {
    const gw = open();
    const errors: GatewayError[] = [];
    gw.on('error', (error) => errors.push(error));
    const ready = gw.connect();
    const connection = await peer.nextConnection();
    connection.ackHeartbeats();
    connection.hello(45_000);
    await connection.next(2);
    connection.send(readyFrame('sess-m'));
    await ready;
    const delivered = new Promise<Message>((resolve) => gw.once('message.create', resolve));
    connection.send('{"op":0,"type":"message.create"');
    connection.send('"just a string"');
    connection.sendBinary(new Uint8Array([1, 2, 3]));
    connection.send({ op: 0, type: 'message.create', seq: 2, data: null });
    connection.send(messageFrame(3, 'survivor'));
    const message = await delivered;
    expect(message.id).toBe('survivor');
    expect(errors.map((error) => error.kind)).toEqual(['malformed_frame', 'malformed_frame', 'malformed_frame', 'invalid_data']);
    expect(errors[3]?.eventType).toBe('message.create');
    expect(gw.state).toBe('connected');
  });

  it('disconnect() sends a Close frame with 1000', async () => {
    const gw = open();
    const ready = gw.connect();
    const connection = await peer.nextConnection();
    connection.hello(45_000);
    await connection.next(2);
    connection.send(readyFrame('sess-c'));
    await ready;
    gw.disconnect();
    await expect(connection.closed).resolves.toMatchObject({ code: 1000 });
  });
});
