import { describe, expect, it } from 'vitest';
import { backoffDelayMs, CLOSE_POLICY, closeAction, GatewayClosedError } from '../../../src/gateway/index.js';
import { CloseCodes } from '../../../src/protocol/index.js';
import type { IdentifyData } from '../../../src/protocol/index.js';
import { createHarness, seededRandom } from './harness.js';
import { messageFrame, readyFrame } from './fixtures.js';

describe('backoff (behaviour 4)', () => {
  it('computes 2^min(attempt-1, 5) s + random(0..1) s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((attempt) => backoffDelayMs(attempt, () => 0))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 32000, 32000,
    ]);
    expect(backoffDelayMs(3, () => 0.5)).toBe(4500);
  });

  it('reconnects on the seeded schedule, emits reconnecting(attempt, max), and gives up after max attempts', async () => {
    const seed = 1234;
    const expectedRandom = seededRandom(seed);
    const { clock, fake, gw, recorded, connectReady } = createHarness({
      random: seededRandom(seed),
      maxReconnectAttempts: 4,
    });
    // the first HELLO's jitter consumes one random value
    const socket = await connectReady();
    expectedRandom();
    socket.drop(1006, 'network');
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const before = clock.now();
      const count = fake.sockets.length;
      clock.runNext();
      expect(fake.sockets.length).toBe(count + 1);
      delays.push(clock.now() - before);
      fake.last().drop(1006, 'still down');
    }
    const expected = [1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, expectedRandom));
    delays.forEach((delay, index) => expect(delay).toBeCloseTo(expected[index] ?? Number.NaN, 6));
    expect(recorded.reconnecting).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    expect(recorded.disconnected).toEqual([[1006, 'still down']]);
    expect(gw.state).toBe('disconnected');
    expect(clock.pending).toBe(0);
  });

  it('resets the attempt counter on READY', async () => {
    const { recorded, connectReady, runUntilNewSocket } = createHarness();
    const socket = await connectReady();
    socket.drop();
    runUntilNewSocket().drop();
    const third = runUntilNewSocket();
    third.hello();
    third.receive(readyFrame('sess-2'));
    third.drop();
    expect(recorded.reconnecting.map(([attempt]) => attempt)).toEqual([1, 2, 1]);
  });
});

describe('close-code policy table (behaviour 4)', () => {
  it('maps 4003/4004/4012/4013/4014 to fatal, 4005/4008 to identify, everything else to resume', () => {
    for (const code of [4003, 4004, 4012, 4013, 4014]) expect(closeAction(code)).toBe('fatal');
    expect(closeAction(4005)).toBe('identify');
    expect(closeAction(4008)).toBe('identify');
    for (const code of [1000, 1001, 1006, 4000, 4001, 4009]) expect(closeAction(code)).toBe('resume');
    expect([...CLOSE_POLICY.keys()].sort()).toEqual([4003, 4004, 4005, 4008, 4012, 4013, 4014]);
  });

  it('gives every code of the 4000-4014 table its action (docs/protocol.md §1.12, seed fatal list)', () => {
    const actions = Object.fromEntries(Object.entries(CloseCodes).map(([name, code]) => [name, closeAction(code)]));
    expect(actions).toEqual({
      UNKNOWN_ERROR: 'resume',
      UNKNOWN_OPCODE: 'resume',
      DECODE_ERROR: 'resume',
      NOT_AUTHENTICATED: 'fatal',
      AUTH_FAILED: 'fatal',
      ALREADY_AUTHENTICATED: 'identify',
      INVALID_SEQ: 'resume',
      RATE_LIMITED: 'identify',
      SESSION_TIMED_OUT: 'resume',
      INVALID_VERSION: 'fatal',
      INVALID_INTENT: 'fatal',
      DISALLOWED_INTENT: 'fatal',
    });
  });

  it.each([4000, 4001, 4002, 4007, 4009])('close %i from the server reconnects after the backoff and RESUMEs', async (code) => {
    const { clock, gw, connectReady, runUntilNewSocket } = createHarness({ random: () => 0.5 });
    const socket = await connectReady('sess-k');
    socket.receive(messageFrame(2));
    socket.drop(code, '');
    expect(gw.state).toBe('resuming');
    const before = clock.now();
    const next = runUntilNewSocket();
    expect(clock.now() - before).toBe(1500);
    next.hello();
    expect(next.framesWithOp(2)).toHaveLength(0);
    expect(next.framesWithOp(3)[0]?.data).toMatchObject({ session_id: 'sess-k', seq: 2 });
  });

  it.each([4003, 4004, 4012, 4013, 4014])('close %i is fatal: no reconnect, disconnected emitted', async (code) => {
    const { clock, fake, gw, recorded } = createHarness();
    const ready = gw.connect();
    const socket = fake.last();
    socket.hello();
    socket.drop(code, 'nope');
    await expect(ready).rejects.toBeInstanceOf(GatewayClosedError);
    expect(recorded.disconnected).toEqual([[code, 'nope']]);
    expect(recorded.reconnecting).toEqual([]);
    expect(gw.state).toBe('disconnected');
    expect(clock.pending).toBe(0);
    clock.advance(120_000);
    expect(fake.sockets).toHaveLength(1);
  });

  it('4008 reconnects after the backoff with a fresh IDENTIFY (the session was destroyed)', async () => {
    const { clock, gw, recorded, connectReady, runUntilNewSocket } = createHarness({ random: () => 0.5 });
    const socket = await connectReady('sess-rl');
    socket.receive(messageFrame(2));
    socket.drop(4008, 'rate limit exceeded');
    expect(gw.sessionId).toBeNull();
    expect(gw.state).toBe('connecting');
    const before = clock.now();
    const next = runUntilNewSocket();
    expect(clock.now() - before).toBe(1500);
    next.hello();
    expect(next.framesWithOp(3)).toHaveLength(0);
    expect((next.framesWithOp(2)[0]?.data as IdentifyData).token).toContain('Bot ');
    next.receive(readyFrame('sess-new'));
    expect(recorded.recovered).toEqual([{ kind: 'reidentified' }]);
  });

  it('4005 re-identifies', async () => {
    const { connectReady, runUntilNewSocket } = createHarness();
    const socket = await connectReady();
    socket.drop(4005, 'already authenticated');
    const next = runUntilNewSocket();
    next.hello();
    expect(next.framesWithOp(2)).toHaveLength(1);
    expect(next.framesWithOp(3)).toHaveLength(0);
  });
});

describe('RECONNECT op 6 (behaviour 5)', () => {
  it('abandons the socket without a Close frame and resumes', async () => {
    const { gw, recorded, connectReady, runUntilNewSocket } = createHarness();
    const socket = await connectReady('sess-6');
    socket.receive(messageFrame(2));
    socket.receive({ op: 6 });
    expect(socket.terminated).toBe(true);
    expect(socket.closeFrame).toBeUndefined();
    expect(gw.state).toBe('resuming');
    socket.drop(1006); // the late close of the abandoned socket is ignored
    expect(recorded.reconnecting).toEqual([[1, 10]]);
    const next = runUntilNewSocket();
    next.hello();
    expect(next.framesWithOp(3)[0]?.data).toMatchObject({ session_id: 'sess-6', seq: 2 });
  });
});
