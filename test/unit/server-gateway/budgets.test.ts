import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY_LIMITS } from '../../../src/server/gateway/options.js';
import { createHarness } from './harness.js';
import type { Harness } from './harness.js';

/** Issue 16 §1: replay and unsent data are bounded per session, and frames are shared, not copied. */

const INVALID = { op: 7, data: { resumable: false } };

function members(h: Harness, ...ids: string[]): string[] {
  return ids.map((id) => {
    h.data.join(id, 's1');
    return h.data.addUser(id);
  });
}

function message(h: Harness, id: string, content = ''): void {
  h.gateway.publish({ type: 'message.create', data: { id, channel_id: 'c1', content }, spaceId: 's1' });
}

/** Lets the microtask that parks an over-budget session run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('defaults', () => {
  it('match the real server where it has one: 256 replayed frames, a 1,024-event lag', () => {
    expect(DEFAULT_GATEWAY_LIMITS.replayBufferLimit).toBe(256);
    expect(DEFAULT_GATEWAY_LIMITS.sendBudget.events).toBe(1024);
    expect(DEFAULT_GATEWAY_LIMITS.sendBudget.bytes).toBe(8 * 1024 * 1024);
    expect(DEFAULT_GATEWAY_LIMITS.replayBufferBytes).toBe(4 * 1024 * 1024);
  });
});

describe('one encoded frame for every session', () => {
  it('hands every session (and every replay buffer) the same bytes, never a copy', () => {
    const h = createHarness();
    const peers = members(h, 'a', 'b', 'c').map((token) => h.identify(token, ['messages']));
    const seen: Buffer[] = [];
    for (const peer of peers) {
      const original = peer.transport.sendDispatch.bind(peer.transport);
      peer.transport.sendDispatch = (shared, tail) => {
        seen.push(shared);
        original(shared, tail);
      };
    }
    message(h, 'm1', 'x'.repeat(10_000));
    expect(seen).toHaveLength(3);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
    for (const peer of peers) {
      const session = h.gateway.registry.get(peer.sessionId);
      expect(session?.replay.entriesAfter(0)[0]?.frame.body).toBe(seen[0]);
      expect(peer.transport.dispatches('message.create')[0]).toMatchObject({ seq: 2, data: { id: 'm1' } });
    }
  });
});

describe('replay buffer byte budget', () => {
  it('evicts the oldest frames past the byte budget, so RESUME from before them gets op 7', () => {
    const h = createHarness({ replayBufferBytes: 3000 });
    const [token] = members(h, 'a');
    const peer = h.identify(token as string, ['messages']);
    peer.conn.transportClosed(false);
    for (let i = 1; i <= 5; i += 1) message(h, `m${i}`, 'y'.repeat(900)); // seq 2..6, ~1 KB each
    const session = h.gateway.registry.get(peer.sessionId);
    expect(session?.replay.byteLength).toBeLessThanOrEqual(3000);
    expect(session?.replay.oldestSeq()).toBe(4); // three ~1 KB frames fit in 3,000 bytes
    const late = h.connect();
    late.send({ op: 3, data: { token, session_id: peer.sessionId, seq: 1 } });
    expect(late.transport.last()).toEqual(INVALID);
  });

  it('still resumes when the missed frames fit in the byte budget', () => {
    const h = createHarness({ replayBufferBytes: 3000 });
    const [token] = members(h, 'a');
    const peer = h.identify(token as string, ['messages']);
    message(h, 'm1', 'y'.repeat(900)); // seq 2, seen
    peer.conn.transportClosed(false);
    for (let i = 2; i <= 5; i += 1) message(h, `m${i}`, 'y'.repeat(900)); // seq 3..6: 4 KB, the oldest evicted
    const late = h.connect();
    late.send({ op: 3, data: { token, session_id: peer.sessionId, seq: 2 } });
    expect(late.transport.last()).toEqual(INVALID);
    const [token2] = members(h, 'b');
    const other = h.identify(token2 as string, ['messages']);
    message(h, 'n1', 'y'.repeat(900)); // seq 2 for b, seen
    other.conn.transportClosed(false);
    message(h, 'n2', 'y'.repeat(900)); // seq 3
    message(h, 'n3', 'y'.repeat(900)); // seq 4
    const again = h.connect();
    again.send({ op: 3, data: { token: token2, session_id: other.sessionId, seq: 2 } });
    expect(again.transport.frames().slice(1).map((f) => f.seq)).toEqual([3, 4, 4]);
    expect(again.transport.last()).toMatchObject({ type: 'resumed', data: { replayed: 2 } });
  });

  it('a frame bigger than the whole budget empties it: a RESUME from before it cannot skip it silently', () => {
    const h = createHarness({ replayBufferBytes: 3000 });
    const [token] = members(h, 'a');
    const peer = h.identify(token as string, ['messages']);
    peer.conn.transportClosed(false);
    message(h, 'm1'); // seq 2
    message(h, 'huge', 'z'.repeat(5000)); // seq 3, not kept
    message(h, 'm3'); // seq 4
    const session = h.gateway.registry.get(peer.sessionId);
    expect(session?.replay.oldestSeq()).toBe(4);
    const again = h.connect();
    again.send({ op: 3, data: { token, session_id: peer.sessionId, seq: 2 } });
    expect(again.transport.last()).toEqual(INVALID);
  });
});

describe('send budget: a reader that stops reading is dropped, not buffered without end', () => {
  it('drops a session past the byte budget without a Close frame, parks it, and the others keep receiving', async () => {
    const h = createHarness({ sendBudget: { events: 1024, bytes: 20_000 } });
    const [slowToken, fastToken] = members(h, 'slow', 'fast');
    const slow = h.identify(slowToken as string, ['messages']);
    const fast = h.identify(fastToken as string, ['messages']);
    slow.transport.paused = true;
    for (let i = 1; i <= 3; i += 1) message(h, `m${i}`, 'w'.repeat(5000));
    expect(slow.transport.terminated).toBe(false);
    message(h, 'm4', 'w'.repeat(5000)); // ~20 KB waiting: over budget
    expect(slow.transport.terminated).toBe(true);
    expect(slow.transport.closedWith).toBeNull();
    expect(slow.transport.backlogBytes).toBe(0); // what it held is released at once
    await settle();
    expect(h.gateway.registry.get(slow.sessionId)?.parked).toBe(true);
    message(h, 'm5');
    expect(fast.transport.dispatches('message.create').map((f) => (f.data as { id: string }).id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);

    // the dropped reader resumes from the last seq it read and gets everything it missed
    const again = h.connect();
    again.send({ op: 3, data: { token: slowToken, session_id: slow.sessionId, seq: 1 } });
    const replayed = again.transport.dispatches('message.create').map((f) => (f.data as { id: string }).id);
    expect(replayed).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(again.transport.last()).toMatchObject({ type: 'resumed', seq: 6, data: { replayed: 5 } });
  });

  it('drops a session lagging more than 1,024 events even when they are small', async () => {
    const h = createHarness();
    const [slowToken] = members(h, 'slow');
    const slow = h.identify(slowToken as string, ['messages']);
    slow.transport.paused = true;
    for (let i = 1; i <= 1024; i += 1) message(h, `m${i}`);
    expect(slow.transport.terminated).toBe(false);
    message(h, 'm1025');
    expect(slow.transport.terminated).toBe(true);
    await settle();
    expect(h.gateway.registry.get(slow.sessionId)?.parked).toBe(true);
    // the replay buffer keeps the last 256: a RESUME from before that gap must IDENTIFY again
    const again = h.connect();
    again.send({ op: 3, data: { token: slowToken, session_id: slow.sessionId, seq: 1 } });
    expect(again.transport.last()).toEqual(INVALID);
    const fresh = h.identify(slowToken as string, ['messages']);
    expect(fresh.ready.session_id).not.toBe(slow.sessionId);
  });

  it('drops only the reader that stopped: one that keeps up, and a RESUME replay, stay within budget', async () => {
    const h = createHarness({ sendBudget: { events: 4, bytes: 20_000 } });
    const [steadyToken, slowToken] = members(h, 'steady', 'slow');
    const steady = h.identify(steadyToken as string, ['messages']);
    const slow = h.identify(slowToken as string, ['messages']);
    slow.transport.paused = true;
    for (let i = 1; i <= 200; i += 1) message(h, `m${i}`, 'v'.repeat(5000));
    expect(steady.transport.terminated).toBe(false);
    expect(steady.transport.dispatches('message.create')).toHaveLength(200);
    expect(slow.transport.terminated).toBe(true);
    await settle();

    // the replay of the last 10 is more than the 4-event budget, and is sent whole anyway
    const again = h.connect();
    again.transport.paused = true;
    again.send({ op: 3, data: { token: slowToken, session_id: slow.sessionId, seq: 191 } });
    expect(again.transport.terminated).toBe(false);
    again.transport.flush();
    expect(again.transport.last()).toMatchObject({ type: 'resumed', seq: 201, data: { replayed: 10 } });
  });
});
