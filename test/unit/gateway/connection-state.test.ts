import { describe, expect, it } from 'vitest';
import { GatewayStateError } from '../../../src/gateway/index.js';
import { IDLE, canMove, checkMove, publicState } from '../../../src/gateway/connection.js';
import type { Connection, ConnectionKind } from '../../../src/gateway/connection.js';
import type { WebSocketLike } from '../../../src/gateway/index.js';
import { createHarness } from './harness.js';
import { messageFrame, resumedFrame } from './fixtures.js';

const socket = {} as WebSocketLike;
const cycle = { attempt: 0, recovering: false, lostWhileHidden: false, login: null, session: null };
const session = { sessionId: 's-1', seq: 4, resumeUrl: 'ws://x/ws' };

const samples: Record<ConnectionKind, Connection> = {
  idle: IDLE,
  opening: { kind: 'opening', ...cycle },
  waiting: { kind: 'waiting', ...cycle, attempt: 1 },
  handshake: { kind: 'handshake', socket, step: 'hello', replayed: 0, ...cycle },
  live: { kind: 'live', socket, session },
};

describe('Connection: one value for the transport state', () => {
  it('derives the public state from the variant and its session', () => {
    expect(publicState(IDLE)).toBe('disconnected');
    expect(publicState(samples.opening)).toBe('connecting');
    expect(publicState({ kind: 'waiting', ...cycle, session })).toBe('resuming');
    expect(publicState({ kind: 'handshake', socket, step: 'resume', replayed: 2, ...cycle, session })).toBe('resuming');
    expect(publicState({ kind: 'handshake', socket, step: 'identify', replayed: 0, ...cycle })).toBe('connecting');
    expect(publicState(samples.live)).toBe('connected');
  });

  it('lists the legal moves between kinds', () => {
    expect(canMove('idle', 'opening')).toBe(true);
    expect(canMove('opening', 'handshake')).toBe(true);
    expect(canMove('handshake', 'live')).toBe(true);
    expect(canMove('live', 'waiting')).toBe(true);
    expect(canMove('waiting', 'opening')).toBe(true);
    for (const kind of ['opening', 'waiting', 'handshake', 'live'] as const) expect(canMove(kind, 'idle')).toBe(true);
  });

  it('an illegal move throws a typed GatewayStateError naming both ends', () => {
    const illegal: Array<[ConnectionKind, ConnectionKind]> = [
      ['idle', 'idle'],
      ['idle', 'live'],
      ['idle', 'handshake'],
      ['idle', 'waiting'],
      ['waiting', 'handshake'],
      ['waiting', 'live'],
      ['opening', 'live'],
      ['live', 'handshake'],
      ['live', 'opening'],
    ];
    for (const [from, to] of illegal) {
      let thrown: unknown;
      try {
        checkMove(samples[from], samples[to]);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, `${from} -> ${to}`).toBeInstanceOf(GatewayStateError);
      expect((thrown as GatewayStateError).kind).toBe('illegal_transition');
      expect((thrown as GatewayStateError).from).toContain(from);
      expect((thrown as GatewayStateError).to).toContain(to);
    }
  });

  it('also refuses a legal kind move whose public state move is illegal (idle -> opening with a session: disconnected -> resuming)', () => {
    expect(() => checkMove(IDLE, { kind: 'opening', ...cycle, session })).toThrow(GatewayStateError);
    expect(() => checkMove(IDLE, samples.opening)).not.toThrow();
  });
});

describe('GatewaySocket: the session as a value', () => {
  it('exposes { sessionId, seq, resumeUrl } as a copy that follows the seq, and keeps it while waiting to resume', async () => {
    const { gw, connectReady, runUntilNewSocket } = createHarness();
    expect(gw.session).toBeNull();
    const first = await connectReady('sess-v');
    expect(gw.session).toEqual({ sessionId: 'sess-v', seq: 1, resumeUrl: gw.url });
    const before = gw.session;
    first.receive(messageFrame(2));
    first.receive(messageFrame(3));
    expect(before?.seq).toBe(1);
    expect(gw.session?.seq).toBe(3);
    first.drop(1006);
    expect(gw.state).toBe('resuming');
    expect(gw.session).toEqual({ sessionId: 'sess-v', seq: 3, resumeUrl: gw.url });
    const second = runUntilNewSocket();
    second.hello();
    expect(second.framesWithOp(3)[0]?.data).toMatchObject({ session_id: 'sess-v', seq: 3 });
    second.receive(messageFrame(4));
    second.receive(resumedFrame('sess-v', 4, 1));
    expect(gw.state).toBe('connected');
    expect(gw.session?.seq).toBe(4);
    gw.disconnect();
    expect(gw.session).toBeNull();
  });

  it('a stateChange listener that disconnects during a loss leaves it idle: no reconnect, no illegal move', async () => {
    const { gw, fake, clock, recorded, connectReady } = createHarness();
    const first = await connectReady('sess-r');
    gw.on('stateChange', (next) => {
      if (next === 'resuming') gw.disconnect();
    });
    first.drop(1006);
    expect(gw.state).toBe('disconnected');
    const sockets = fake.sockets.length;
    clock.advance(120_000);
    expect(fake.sockets.length).toBe(sockets);
    expect(recorded.reconnecting).toEqual([]);
  });
});
