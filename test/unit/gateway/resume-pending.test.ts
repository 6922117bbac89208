import { describe, expect, it } from 'vitest';
import { createHarness } from './harness.js';
import { messageFrame } from './fixtures.js';

describe('resume pending (behaviour 6)', () => {
  it('a socket that dies after RESUME and before resumed/ready clears the session: the next attempt IDENTIFYs', async () => {
    const { gw, connectReady, runUntilNewSocket } = createHarness();
    const first = await connectReady('sess-p');
    first.receive(messageFrame(2));
    first.drop(1006);
    const resuming = runUntilNewSocket();
    resuming.hello();
    expect(resuming.framesWithOp(3)).toHaveLength(1);
    resuming.drop(1006);
    expect(gw.sessionId).toBeNull();
    expect(gw.state).toBe('connecting');
    const next = runUntilNewSocket();
    next.hello();
    expect(next.framesWithOp(3)).toHaveLength(0);
    expect(next.framesWithOp(2)).toHaveLength(1);
  });

  it('a socket that dies before HELLO keeps the session for the next RESUME', async () => {
    const { gw, connectReady, runUntilNewSocket } = createHarness();
    const first = await connectReady('sess-p');
    first.receive(messageFrame(2));
    first.drop(1006);
    runUntilNewSocket().drop(1006);
    expect(gw.sessionId).toBe('sess-p');
    const next = runUntilNewSocket();
    next.hello();
    expect(next.framesWithOp(3)[0]?.data).toMatchObject({ session_id: 'sess-p', seq: 2 });
  });
});

describe('handshake watchdog', () => {
  it('abandons a socket that sends no HELLO within 30 s and retries, keeping the session', async () => {
    const { clock, gw, recorded, connectReady, runUntilNewSocket } = createHarness();
    const first = await connectReady('sess-h');
    first.receive(messageFrame(2));
    first.drop(1006);
    const silent = runUntilNewSocket();
    clock.advance(30_000 - 1);
    expect(silent.terminated).toBe(false);
    clock.advance(1);
    expect(silent.terminated).toBe(true);
    expect(silent.closeFrame).toBeUndefined();
    expect(recorded.reconnecting.map(([attempt]) => attempt)).toEqual([1, 2]);
    expect(gw.sessionId).toBe('sess-h');
    const next = runUntilNewSocket();
    next.hello();
    expect(next.framesWithOp(3)[0]?.data).toMatchObject({ session_id: 'sess-h', seq: 2 });
  });
});
