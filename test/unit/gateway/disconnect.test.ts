import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/gateway/index.js';
import { createHarness } from './harness.js';

describe('disconnect() (behaviour 7)', () => {
  it('sends Close 1000, cancels every timer, emits disconnected and ends disconnected', async () => {
    const { clock, gw, recorded, connectReady } = createHarness();
    const socket = await connectReady();
    void gw.updatePresence('idle');
    expect(clock.pending).toBeGreaterThan(0); // the heartbeat
    gw.disconnect();
    expect(socket.closeFrame).toEqual({ code: 1000, reason: 'client disconnect' });
    expect(socket.terminated).toBe(false);
    expect(clock.pending).toBe(0);
    expect(recorded.disconnected).toEqual([[1000, 'client disconnect']]);
    expect(gw.state).toBe('disconnected');
    expect(gw.sessionId).toBeNull();
    expect(recorded.states.at(-1)).toEqual(['disconnected', 'connected']);
  });

  it('cancels a pending reconnect: no socket is opened afterwards', async () => {
    const { clock, fake, gw, connectReady } = createHarness();
    const socket = await connectReady();
    socket.drop(1006);
    expect(clock.pending).toBe(1);
    gw.disconnect(4000, 'bye');
    expect(clock.pending).toBe(0);
    clock.advance(600_000);
    expect(fake.sockets).toHaveLength(1);
    expect(gw.state).toBe('disconnected');
  });

  it('rejects a connect() still waiting for READY, and a later connect() starts a fresh IDENTIFY', async () => {
    const { fake, gw } = createHarness();
    const ready = gw.connect();
    fake.last().hello();
    gw.disconnect();
    const error = await ready.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).kind).toBe('aborted');
    const again = gw.connect();
    expect(fake.sockets).toHaveLength(2);
    fake.last().hello();
    expect(fake.last().framesWithOp(2)).toHaveLength(1);
    gw.disconnect();
    await expect(again).rejects.toBeInstanceOf(GatewayError);
  });
});
