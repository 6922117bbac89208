import { GatewaySocket } from '../../../src/gateway/index.js';
import type { GatewayError, GatewaySocketOptions, GatewayState, RecoveryInfo, SessionStore } from '../../../src/gateway/index.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import type { RandomSource } from '../../../src/util/clock.js';
import { fakeWebSocketClass } from './fake-ws.js';
import type { FakeWebSocket } from './fake-ws.js';
import { readyFrame } from './fixtures.js';

export const TOKEN = 'tok_9f3c2a71d0b84e56';

/** A deterministic PRNG (mulberry32); two instances with the same seed yield the same sequence. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Recorded {
  reconnecting: Array<[number, number]>;
  disconnected: Array<[number, string]>;
  states: Array<[GatewayState, GatewayState]>;
  errors: GatewayError[];
  debug: string[];
  recovered: RecoveryInfo[];
  raw: Array<[string, unknown]>;
}

export function createHarness<S extends SessionStore | undefined = undefined>(options: Partial<GatewaySocketOptions<S>> = {}) {
  const clock = new FakeClock(1_000_000);
  const fake = fakeWebSocketClass();
  const gw = new GatewaySocket<S>({
    token: TOKEN,
    tokenType: 'Bot',
    gatewayUrl: 'ws://gateway.test/ws?v=1&encoding=json',
    WebSocket: fake.WebSocket,
    clock,
    random: () => 0.5,
    ...options,
  });
  const recorded: Recorded = {
    reconnecting: [],
    disconnected: [],
    states: [],
    errors: [],
    debug: [],
    recovered: [],
    raw: [],
  };
  gw.on('reconnecting', (attempt, max) => recorded.reconnecting.push([attempt, max]));
  gw.on('disconnected', (code, reason) => recorded.disconnected.push([code, reason]));
  gw.on('stateChange', (next, prev) => recorded.states.push([next, prev]));
  gw.on('error', (error) => recorded.errors.push(error));
  gw.on('debug', (message) => recorded.debug.push(message));
  gw.on('recovered', (info) => recorded.recovered.push(info));
  gw.on('raw', (type, data) => recorded.raw.push([type, data]));

  /** connect(), HELLO, READY: returns the live socket. */
  async function connectReady(sessionId = 'sess-1', heartbeatInterval = 45_000): Promise<FakeWebSocket> {
    const ready = gw.connect();
    const socket = fake.last();
    socket.hello(heartbeatInterval);
    socket.receive(readyFrame(sessionId));
    await ready;
    return socket;
  }

  /** Fire timers until a new socket is opened (a reconnect); returns it. */
  function runUntilNewSocket(): FakeWebSocket {
    const before = fake.sockets.length;
    while (fake.sockets.length === before) {
      if (!clock.runNext()) throw new Error('no timer pending and no new socket');
    }
    return fake.last();
  }

  return { clock, fake, gw, recorded, connectReady, runUntilNewSocket };
}
