import { describe, expect, it } from 'vitest';
import type { VisibilitySource } from '../../../src/gateway/index.js';
import { createHarness } from './harness.js';

function fakeVisibility(): VisibilitySource & { set(hidden: boolean): void; listeners: number } {
  let hidden = false;
  const listeners = new Set<(hidden: boolean) => void>();
  return {
    isHidden: () => hidden,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: boolean) {
      hidden = next;
      for (const listener of listeners) listener(next);
    },
    get listeners() {
      return listeners.size;
    },
  };
}

describe('browser visibility (behaviour 8)', () => {
  it('forgives a missed ACK while hidden, and beats at once when visible again', async () => {
    const visibility = fakeVisibility();
    const { clock, gw, connectReady } = createHarness({ visibility, random: () => 0 });
    const socket = await connectReady();
    clock.advance(0); // first beat (jitter 0), never acknowledged
    visibility.set(true);
    clock.advance(45_000 * 3);
    expect(socket.terminated).toBe(false);
    expect(gw.state).toBe('connected');
    const beatsWhileHidden = socket.framesWithOp(1).length;
    expect(beatsWhileHidden).toBe(4);
    visibility.set(false);
    expect(socket.framesWithOp(1)).toHaveLength(beatsWhileHidden + 1);
    socket.receive({ op: 4 });
    clock.advance(45_000);
    expect(socket.terminated).toBe(false);
  });

  it('the same missed ACK while visible is a zombie', async () => {
    const visibility = fakeVisibility();
    const { clock, connectReady } = createHarness({ visibility, random: () => 0 });
    const socket = await connectReady();
    clock.advance(45_000);
    expect(socket.terminated).toBe(true);
  });

  it('a connection that dropped while hidden reconnects as soon as the page is visible', async () => {
    const visibility = fakeVisibility();
    const { clock, fake, connectReady } = createHarness({ visibility });
    const socket = await connectReady();
    visibility.set(true);
    socket.drop(1006);
    expect(fake.sockets).toHaveLength(1);
    expect(clock.pending).toBe(1); // the backoff
    const before = clock.now();
    visibility.set(false);
    expect(fake.sockets).toHaveLength(2);
    expect(clock.now()).toBe(before);
    expect(clock.pending).toBe(1); // only the new socket's HELLO watchdog; the backoff is gone
  });

  it('stops listening to visibility after disconnect()', async () => {
    const visibility = fakeVisibility();
    const { gw, connectReady } = createHarness({ visibility });
    await connectReady();
    expect(visibility.listeners).toBe(1);
    gw.disconnect();
    expect(visibility.listeners).toBe(0);
  });
});
