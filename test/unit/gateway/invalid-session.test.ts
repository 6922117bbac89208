import { describe, expect, it } from 'vitest';
import { GatewayAuthError } from '../../../src/gateway/index.js';
import { createHarness, TOKEN } from './harness.js';
import { messageFrame, readyFrame } from './fixtures.js';

const SHAPES = [
  ['bool', false],
  ['object', { resumable: false }],
] as const;

describe('INVALID_SESSION op 7 (behaviour 5)', () => {
  it.each(SHAPES)('answering a RESUME (%s shape): clears session and seq, waits 1–5 s, IDENTIFYs', async (_name, data) => {
    const { clock, gw, recorded, connectReady, runUntilNewSocket } = createHarness({ random: () => 0.25 });
    const first = await connectReady('sess-a');
    first.receive(messageFrame(2));
    first.drop(1006);
    const resuming = runUntilNewSocket();
    resuming.hello();
    expect(resuming.framesWithOp(3)).toHaveLength(1);
    resuming.receive({ op: 7, data });
    expect(gw.sessionId).toBeNull();
    expect(gw.seq).toBe(0);
    expect(gw.state).toBe('connecting');
    const before = clock.now();
    const identifying = runUntilNewSocket();
    expect(clock.now() - before).toBe(1000 + 0.25 * 4000);
    identifying.hello();
    expect(identifying.framesWithOp(3)).toHaveLength(0);
    expect(identifying.framesWithOp(2)).toHaveLength(1);
    identifying.receive(readyFrame('sess-b'));
    expect(gw.sessionId).toBe('sess-b');
    expect(recorded.recovered).toEqual([{ kind: 'reidentified' }]);
  });

  it('a truthy object with resumable:false never leads to another RESUME (no resume loop)', async () => {
    const { fake, connectReady, runUntilNewSocket } = createHarness();
    const first = await connectReady('sess-a');
    first.drop(1006);
    const second = runUntilNewSocket();
    second.hello();
    second.receive({ op: 7, data: { resumable: false } });
    const third = runUntilNewSocket();
    third.hello();
    const resumes = fake.sockets.flatMap((socket) => socket.framesWithOp(3));
    expect(resumes).toHaveLength(1);
  });

  it('op 7 {resumable: true} after a RESUME keeps the session and resumes again', async () => {
    const { gw, connectReady, runUntilNewSocket } = createHarness();
    const first = await connectReady('sess-a');
    first.receive(messageFrame(2));
    first.drop(1006);
    const second = runUntilNewSocket();
    second.hello();
    second.receive({ op: 7, data: true });
    expect(gw.sessionId).toBe('sess-a');
    const third = runUntilNewSocket();
    third.hello();
    expect(third.framesWithOp(3)[0]?.data).toMatchObject({ session_id: 'sess-a', seq: 2 });
  });

  it.each(SHAPES)('answering IDENTIFY (%s shape): connect() rejects with GatewayAuthError, disconnected(4004), no retry', async (_name, data) => {
    const { clock, fake, gw, recorded } = createHarness();
    const ready = gw.connect();
    const first = fake.last();
    first.hello();
    expect(first.framesWithOp(2)).toHaveLength(1);
    first.receive({ op: 7, data });
    const error = await ready.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayAuthError);
    expect((error as Error).message).not.toContain(TOKEN);
    expect(recorded.reconnecting).toEqual([]);
    expect(recorded.disconnected).toHaveLength(1);
    expect(recorded.disconnected[0]?.[0]).toBe(4004);
    expect(gw.state).toBe('disconnected');
    expect(clock.pending).toBe(0);
    expect(fake.sockets).toHaveLength(1);
  });

  it('the server dropping the socket right after op 7 neither counts twice nor races the re-IDENTIFY', async () => {
    const { clock, fake, recorded, connectReady, runUntilNewSocket } = createHarness();
    const first = await connectReady('sess-a');
    first.drop(1006);
    const resuming = runUntilNewSocket();
    resuming.hello();
    resuming.receive({ op: 7, data: { resumable: false } });
    resuming.drop(1006); // what accordserver does right after op 7
    expect(recorded.reconnecting).toEqual([
      [1, 10],
      [2, 10],
    ]);
    expect(clock.pending).toBe(1); // exactly one reconnect waiting
    const next = runUntilNewSocket();
    expect(fake.sockets).toHaveLength(3);
    next.hello();
    expect(next.framesWithOp(2)).toHaveLength(1);
  });

  it('a refused RESUME, then a refused IDENTIFY: stops as an auth failure (the RESUME refusal is not one)', async () => {
    const { gw, recorded, connectReady, runUntilNewSocket } = createHarness({ maxReconnectAttempts: 5 });
    const first = await connectReady('sess-a');
    first.receive(messageFrame(2));
    first.drop(1006);
    const s2 = runUntilNewSocket();
    s2.hello();
    expect(s2.framesWithOp(3)).toHaveLength(1);
    s2.receive({ op: 7, data: { resumable: false } });
    const s3 = runUntilNewSocket();
    s3.hello();
    expect(s3.framesWithOp(2)).toHaveLength(1);
    s3.receive({ op: 7, data: { resumable: false } });
    expect(recorded.reconnecting.map(([attempt]) => attempt)).toEqual([1, 2]);
    expect(recorded.disconnected).toEqual([[4004, 'authentication failed: the server rejected IDENTIFY (token or intents)']]);
    expect(gw.state).toBe('disconnected');
  });

  it('after max attempts of refused RESUMEs stops with disconnected(4004, "session invalid after max attempts")', async () => {
    const { gw, recorded, connectReady, runUntilNewSocket } = createHarness({ maxReconnectAttempts: 2 });
    const first = await connectReady('sess-a');
    first.receive(messageFrame(2));
    first.drop(1006);
    const s2 = runUntilNewSocket();
    s2.hello();
    s2.receive({ op: 7, data: true }); // resumable: try RESUME again
    const s3 = runUntilNewSocket();
    s3.hello();
    expect(s3.framesWithOp(3)).toHaveLength(1);
    s3.receive({ op: 7, data: true });
    expect(recorded.reconnecting).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(recorded.disconnected).toEqual([[4004, 'session invalid after max attempts']]);
    expect(gw.state).toBe('disconnected');
  });
});
