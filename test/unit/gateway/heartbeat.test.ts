import { describe, expect, it } from 'vitest';
import { createHarness } from './harness.js';
import { messageFrame, resumedFrame } from './fixtures.js';

describe('heartbeat (behaviour 2)', () => {
  it('beats at the HELLO interval, the first beat jittered by interval * random, carrying the last seq', async () => {
    const { clock, connectReady } = createHarness({ random: () => 0.25 });
    const socket = await connectReady('s', 40_000);
    const start = clock.now();
    clock.advance(10_000 - 1);
    expect(socket.framesWithOp(1)).toHaveLength(0);
    clock.advance(1);
    expect(socket.framesWithOp(1)).toEqual([{ op: 1, data: 1 }]);
    socket.receive({ op: 4 });
    socket.receive(messageFrame(2));
    clock.advance(40_000 - 1);
    expect(socket.framesWithOp(1)).toHaveLength(1);
    clock.advance(1);
    expect(socket.framesWithOp(1)).toEqual([
      { op: 1, data: 1 },
      { op: 1, data: 2 },
    ]);
    socket.receive({ op: 4 });
    clock.advance(40_000);
    expect(socket.framesWithOp(1)).toHaveLength(3);
    expect(clock.now() - start).toBe(90_000);
  });

  it('latencyMs is the round trip of the last acknowledged beat; a stray ACK changes nothing', async () => {
    const { clock, gw, connectReady } = createHarness({ random: () => 0 });
    const socket = await connectReady();
    socket.receive({ op: 4 }); // no beat in flight yet
    expect(gw.latencyMs).toBeNaN();
    clock.advance(0); // first beat (jitter 0)
    clock.advance(120);
    socket.receive({ op: 4 });
    expect(gw.latencyMs).toBe(120);
    clock.advance(500);
    socket.receive({ op: 4 }); // duplicate ACK: nothing was waiting for it
    expect(gw.latencyMs).toBe(120);
  });

  it('uses 45000 ms when HELLO has no interval, and sends data null before any seq', () => {
    const { clock, gw, fake } = createHarness({ random: () => 0 });
    void gw.connect();
    const socket = fake.last();
    socket.receive({ op: 5, data: {} });
    clock.advance(0);
    expect(socket.framesWithOp(1)).toEqual([{ op: 1, data: null }]);
    socket.receive({ op: 4 });
    clock.advance(44_999);
    expect(socket.framesWithOp(1)).toHaveLength(1);
    clock.advance(1);
    expect(socket.framesWithOp(1)).toHaveLength(2);
  });

  it('answers a server op 1 with an immediate beat without changing the cadence', async () => {
    const { clock, connectReady } = createHarness({ random: () => 0.5 });
    const socket = await connectReady();
    clock.advance(1000);
    socket.receive({ op: 1 });
    expect(socket.framesWithOp(1)).toEqual([{ op: 1, data: 1 }]);
    socket.receive({ op: 4 });
    clock.advance(22_500 - 1000);
    expect(socket.framesWithOp(1)).toHaveLength(2);
  });

  it('an out-of-cadence beat right before a tick gets a full round trip: no false zombie, still judged later', async () => {
    const { clock, connectReady } = createHarness({ random: () => 0.5 });
    const healthy = await connectReady();
    clock.advance(22_500); // first beat
    healthy.receive({ op: 4 });
    clock.advance(45_000 - 1);
    healthy.receive({ op: 1 }); // an extra beat 1 ms before the regular tick
    expect(healthy.framesWithOp(1)).toHaveLength(2);
    clock.advance(1); // the tick: the extra beat is still in flight
    expect(healthy.terminated).toBe(false);
    expect(healthy.framesWithOp(1)).toHaveLength(2);
    healthy.receive({ op: 4 });
    clock.advance(45_000);
    expect(healthy.terminated).toBe(false);
    expect(healthy.framesWithOp(1)).toHaveLength(3);

    const other = createHarness({ random: () => 0.5 });
    const dead = await other.connectReady();
    other.clock.advance(22_500);
    dead.receive({ op: 4 });
    other.clock.advance(45_000 - 1);
    dead.receive({ op: 1 });
    other.clock.advance(1);
    expect(dead.terminated).toBe(false);
    other.clock.advance(45_000); // never acknowledged: a zombie one interval later
    expect(dead.terminated).toBe(true);
    expect(dead.closeFrame).toBeUndefined();
  });

  it('treats a missing ACK as a zombie: drops the socket without a Close frame and RESUMEs with the right seq', async () => {
    const { clock, gw, fake, recorded, connectReady, runUntilNewSocket } = createHarness({ random: () => 0.5 });
    const socket = await connectReady('sess-z');
    socket.receive(messageFrame(2));
    socket.receive(messageFrame(3));
    clock.advance(22_500); // first beat, never acknowledged
    expect(socket.framesWithOp(1)).toHaveLength(1);
    clock.advance(45_000 - 1);
    expect(socket.terminated).toBe(false);
    clock.advance(1);
    expect(socket.terminated).toBe(true);
    expect(socket.closeFrame).toBeUndefined();
    expect(socket.attached).toBe(false);
    expect(gw.state).toBe('resuming');
    expect(recorded.reconnecting).toEqual([[1, 10]]);
    const next = runUntilNewSocket();
    expect(fake.sockets).toHaveLength(2);
    next.hello();
    expect(next.framesWithOp(3)[0]?.data).toMatchObject({ session_id: 'sess-z', seq: 3 });
    next.receive(resumedFrame('sess-z', 3, 0));
    expect(gw.state).toBe('connected');
    expect(recorded.recovered).toEqual([{ kind: 'resumed', replayed: 0 }]);
  });
});
