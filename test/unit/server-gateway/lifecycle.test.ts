import { describe, expect, it } from 'vitest';
import { createHarness } from './harness.js';
import type { Harness } from './harness.js';

const INVALID = { op: 7, data: { resumable: false } };

function twoUsers(h: Harness) {
  const t1 = h.data.addUser('u1');
  const t2 = h.data.addUser('u2');
  h.data.join('u1', 's1');
  h.data.join('u2', 's1');
  return { t1, t2 };
}

function message(h: Harness, id: string): void {
  h.gateway.publish({ type: 'message.create', data: { id, channel_id: 'c1' }, spaceId: 's1' });
}

describe('heartbeat timeout (docs/protocol.md §1.8)', () => {
  it('drops silently (no frame, no Close) between timeout and timeout + interval, and parks the session', () => {
    const h = createHarness({ heartbeatIntervalMs: 45_000, heartbeatTimeoutMs: 90_000 });
    const { t1 } = twoUsers(h);
    const peer = h.identify(t1);
    const sentBefore = peer.transport.sent.length;
    h.clock.advance(90_000);
    expect(peer.transport.terminated).toBe(false);
    h.clock.advance(45_000);
    expect(peer.transport.terminated).toBe(true);
    expect(peer.transport.closedWith).toBeNull();
    expect(peer.transport.sent.length).toBe(sentBefore);
    expect(h.gateway.registry.get(peer.sessionId)?.parked).toBe(true);
  });

  it('keeps a beating session alive', () => {
    const h = createHarness({ heartbeatIntervalMs: 45_000, heartbeatTimeoutMs: 90_000 });
    const { t1 } = twoUsers(h);
    const peer = h.identify(t1);
    for (let i = 0; i < 10; i += 1) {
      h.clock.advance(40_000);
      peer.send({ op: 1, data: 1 });
    }
    expect(peer.transport.terminated).toBe(false);
    expect(peer.transport.frames().filter((f) => f.op === 4)).toHaveLength(10);
  });
});

describe('parking, replay and RESUME (docs/protocol.md §1.9)', () => {
  it('replays missed events with their original seq, then resumed repeating the current seq', () => {
    const h = createHarness();
    const { t1 } = twoUsers(h);
    const peer = h.identify(t1);
    message(h, 'm1'); // seq 2, seen
    peer.conn.transportClosed(false); // network drop
    message(h, 'm2'); // seq 3, buffered
    message(h, 'm3'); // seq 4, buffered
    const again = h.connect();
    again.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 2 } });
    expect(again.transport.frames().slice(1)).toEqual([
      { op: 0, type: 'message.create', data: { id: 'm2', channel_id: 'c1' }, seq: 3 },
      { op: 0, type: 'message.create', data: { id: 'm3', channel_id: 'c1' }, seq: 4 },
      { op: 0, type: 'resumed', seq: 4, data: { session_id: peer.sessionId, seq: 4, replayed: 2 } },
    ]);
    message(h, 'm4');
    expect(again.transport.last()).toMatchObject({ type: 'message.create', seq: 5 });
    expect(h.data.snapshotCalls).toBe(1); // READY is not resent
  });

  it('resumes with nothing to replay when the client is up to date', () => {
    const h = createHarness();
    const { t1 } = twoUsers(h);
    const peer = h.identify(t1);
    message(h, 'm1');
    peer.conn.transportClosed(false);
    const again = h.connect();
    again.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 2 } });
    expect(again.transport.frames().slice(1)).toEqual([
      { op: 0, type: 'resumed', seq: 2, data: { session_id: peer.sessionId, seq: 2, replayed: 0 } },
    ]);
  });

  it('op 7 when the buffer overflowed past the client seq (the entry is consumed, presence left as it was)', () => {
    const h = createHarness({ replayBufferLimit: 3 });
    const { t1 } = twoUsers(h);
    const peer = h.identify(t1);
    peer.conn.transportClosed(false);
    for (let i = 0; i < 5; i += 1) message(h, `m${i}`); // seq 2..6, buffer keeps 4..6
    const again = h.connect();
    again.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 1 } });
    expect(again.transport.last()).toEqual(INVALID);
    expect(again.transport.terminated).toBe(true);
    expect(h.gateway.registry.get(peer.sessionId)).toBeUndefined();
    const third = h.connect();
    third.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 3 } });
    expect(third.transport.last()).toEqual(INVALID);
    // QUIRK (§1.9.4): nothing cleans up after a failed gap check, so no offline is published
    expect(h.gateway.live.presences.get('u1')).toEqual({ status: 'online', activities: [] });
  });

  it('RESUME reloads memberships and mutes but keeps the parked intents (an intents key is ignored)', () => {
    const h = createHarness();
    const { t1 } = twoUsers(h);
    const peer = h.identify(t1, ['messages']);
    peer.conn.transportClosed(false);
    h.data.join('u1', 's2'); // changed while parked, with no member.join to refresh routing
    h.data.mutes.set('u1', new Set(['c1']));
    const again = h.connect();
    again.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 1, intents: ['spaces'] } });
    expect(again.transport.last()).toMatchObject({ type: 'resumed' });
    h.gateway.publish({ type: 'message.create', data: { id: 'muted', channel_id: 'c1' }, spaceId: 's1' });
    h.gateway.publish({ type: 'space.update', data: { id: 's1' }, spaceId: 's1' });
    h.gateway.publish({ type: 'message.create', data: { id: 'new-space', channel_id: 'c2' }, spaceId: 's2' });
    expect(again.transport.dispatches().map((f) => [f.type, (f.data as { id?: string }).id])).toEqual([
      ['resumed', undefined],
      ['message.create', 'new-space'],
    ]);
  });

  it('op 7 for a seq ahead of the server, and for an omitted seq', () => {
    for (const seq of [5, undefined]) {
      const h = createHarness();
      const { t1 } = twoUsers(h);
      const peer = h.identify(t1);
      peer.conn.transportClosed(false);
      const again = h.connect();
      again.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq } });
      expect(again.transport.last()).toEqual(INVALID);
    }
  });

  it("another user's token gets op 7 and does not consume the owner's session", () => {
    const h = createHarness();
    const { t1, t2 } = twoUsers(h);
    const peer = h.identify(t1);
    peer.conn.transportClosed(false);
    const thief = h.connect();
    thief.send({ op: 3, data: { token: t2, session_id: peer.sessionId, seq: 1 } });
    expect(thief.transport.last()).toEqual(INVALID);
    const owner = h.connect();
    owner.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 1 } });
    expect(owner.transport.last()).toMatchObject({ type: 'resumed', data: { session_id: peer.sessionId } });
  });

  it('op 7 for a session that is still live (the server has not noticed the drop)', () => {
    const h = createHarness();
    const { t1 } = twoUsers(h);
    const peer = h.identify(t1);
    const again = h.connect();
    again.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 1 } });
    expect(again.transport.last()).toEqual(INVALID);
    expect(h.gateway.registry.get(peer.sessionId)?.parked).toBe(false);
  });

  it('window expiry discards the session, publishes offline, and RESUME then gets op 7', () => {
    const h = createHarness({ resumeWindowMs: 60_000 });
    const { t1, t2 } = twoUsers(h);
    const peer = h.identify(t1);
    const watcher = h.identify(t2);
    peer.conn.transportClosed(false);
    h.clock.advance(59_999);
    expect(watcher.transport.dispatches('presence.update').filter((f) => (f.data as { user_id: string }).user_id === 'u1')).toEqual([]);
    h.clock.advance(1);
    expect(watcher.transport.last()).toMatchObject({
      type: 'presence.update',
      data: { user_id: 'u1', status: 'offline', client_status: {}, activities: [] },
    });
    const again = h.connect();
    again.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 1 } });
    expect(again.transport.last()).toEqual(INVALID);
  });

  it('parked sessions keep filtering and numbering events', () => {
    const h = createHarness();
    const { t1 } = twoUsers(h);
    h.data.mutes.set('u1', new Set(['muted']));
    const peer = h.identify(t1, ['messages']);
    peer.conn.transportClosed(false);
    h.gateway.publish({ type: 'message.create', data: { channel_id: 'muted' }, spaceId: 's1' });
    h.gateway.publish({ type: 'typing.start', data: { channel_id: 'c1' }, spaceId: 's1' }); // no intent
    h.gateway.publish({ type: 'message.create', data: { channel_id: 'c1' }, spaceId: 's2' }); // not routed
    message(h, 'm1');
    expect(h.gateway.registry.get(peer.sessionId)?.seq).toBe(2);
  });

  it('a client Close frame ends the session for good and publishes offline', () => {
    const h = createHarness();
    const { t1, t2 } = twoUsers(h);
    const peer = h.identify(t1);
    const watcher = h.identify(t2);
    peer.conn.transportClosed(true);
    expect(h.gateway.registry.get(peer.sessionId)).toBeUndefined();
    expect(watcher.transport.last()).toMatchObject({ type: 'presence.update', data: { user_id: 'u1', status: 'offline' } });
    const again = h.connect();
    again.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 1 } });
    expect(again.transport.last()).toEqual(INVALID);
  });

  it('does not publish offline while another session of the user remains', () => {
    const h = createHarness();
    const { t1, t2 } = twoUsers(h);
    const a = h.identify(t1);
    h.identify(t1);
    const watcher = h.identify(t2);
    a.conn.transportClosed(true);
    expect(watcher.transport.dispatches('presence.update').some((f) => (f.data as { status: string }).status === 'offline')).toBe(false);
  });

  it('re-publishes presence on RESUME only if it lapsed', () => {
    const h = createHarness();
    const { t1, t2 } = twoUsers(h);
    const peer = h.identify(t1, undefined, { status: 'dnd' });
    const watcher = h.identify(t2);
    peer.conn.transportClosed(false);
    const count = watcher.transport.dispatches('presence.update').length;
    const again = h.connect();
    again.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 1 } });
    expect(watcher.transport.dispatches('presence.update').length).toBe(count);
    again.conn.transportClosed(false);
    h.gateway.live.presences.delete('u1');
    const third = h.connect();
    third.send({ op: 3, data: { token: t1, session_id: peer.sessionId, seq: 1 } });
    expect(watcher.transport.last()).toMatchObject({ type: 'presence.update', data: { user_id: 'u1', status: 'online' } });
  });

  it('never parks guests; a guest session end decrements the count and broadcasts it (§1.19)', () => {
    const h = createHarness();
    const { t1 } = twoUsers(h);
    const member = h.identify(t1);
    h.data.guestCounts.set('s1', 2); // incremented by POST /auth/guest, not by the connection
    const token = h.data.addUser('guest:1', 'Bearer g', 'guest', 's1');
    const guest = h.identify(token);
    guest.conn.transportClosed(false);
    expect(h.gateway.registry.get(guest.sessionId)).toBeUndefined();
    expect(member.transport.dispatches('anonymous_count_updated').map((f) => f.data)).toEqual([
      { count: 2, space_id: 's1' },
      { count: 1, space_id: 's1' },
    ]);
  });
});

describe('after the handshake (docs/protocol.md §1.12–§1.14)', () => {
  it('op 2 or op 3 closes with 4005 "already authenticated", not resumable', () => {
    for (const op of [2, 3]) {
      const h = createHarness();
      const { t1 } = twoUsers(h);
      const peer = h.identify(t1);
      peer.send({ op, data: { token: t1, intents: [] } });
      expect(peer.transport.closedWith).toEqual({ code: 4005, reason: 'already authenticated' });
      expect(h.gateway.registry.get(peer.sessionId)).toBeUndefined();
    }
  });

  it('ignores bad JSON and unknown ops but counts them', () => {
    const h = createHarness();
    const { t1 } = twoUsers(h);
    const peer = h.identify(t1);
    const before = peer.transport.sent.length;
    peer.sendText('nonsense');
    peer.send({ op: 99 });
    peer.send({ op: 5 });
    peer.send({ op: 1, seq: 'abc' }); // not a heartbeat: bad JSON
    expect(peer.transport.sent.length).toBe(before);
    expect(peer.conn.ignoredFrames).toBe(4);
    expect(peer.conn.phase).toBe('open');
  });

  it('closes with 4008 on the 121st counted frame; heartbeats are exempt', () => {
    const h = createHarness({ rateLimit: { frames: 120, windowMs: 60_000 } });
    const { t1 } = twoUsers(h);
    const peer = h.identify(t1);
    for (let i = 0; i < 200; i += 1) peer.send({ op: 1 });
    for (let i = 0; i < 120; i += 1) peer.send({ op: 8, data: { status: 'online' } });
    expect(peer.transport.closedWith).toBeNull();
    expect(peer.transport.frames().filter((f) => f.op === 4)).toHaveLength(200);
    peer.send({ op: 99 });
    expect(peer.transport.closedWith).toEqual({ code: 4008, reason: 'rate limit exceeded' });
    expect(h.gateway.registry.get(peer.sessionId)).toBeUndefined();
  });

  it('starts a new window when a frame arrives a full window after the window start', () => {
    const h = createHarness({ rateLimit: { frames: 3, windowMs: 60_000 } });
    const { t1 } = twoUsers(h);
    const peer = h.identify(t1);
    for (let i = 0; i < 3; i += 1) peer.send({ op: 99 });
    h.clock.advance(59_999);
    peer.send({ op: 1 }); // keeps the session alive; not counted
    h.clock.advance(1);
    for (let i = 0; i < 3; i += 1) peer.send({ op: 99 });
    expect(peer.transport.closedWith).toBeNull();
    peer.send({ op: 99 });
    expect(peer.transport.closedWith?.code).toBe(4008);
  });
});
