import { describe, expect, it } from 'vitest';
import { createHarness } from './harness.js';

const INVALID = { op: 7, data: { resumable: false } };

describe('HELLO and handshake (docs/protocol.md §1.4, §1.5, §1.10)', () => {
  it('sends HELLO with the heartbeat interval first', () => {
    const h = createHarness({ heartbeatIntervalMs: 45_000 });
    const { transport } = h.connect();
    expect(transport.frames()).toEqual([{ op: 5, data: { heartbeat_interval: 45_000 } }]);
  });

  it('acks heartbeats before IDENTIFY and then accepts IDENTIFY', () => {
    const h = createHarness();
    const token = h.data.addUser('u1');
    const peer = h.connect();
    peer.send({ op: 1, data: null });
    peer.send({ op: 1 });
    expect(peer.transport.frames().slice(1)).toEqual([{ op: 4 }, { op: 4 }]);
    peer.send({ op: 2, data: { token, intents: [] } });
    expect(peer.transport.last()).toMatchObject({ op: 0, type: 'ready', seq: 1 });
    expect(peer.conn.phase).toBe('open');
  });

  it.each([
    ['bad JSON', '{"op":'],
    ['an unknown op', '{"op":99}'],
    ['op 10 before IDENTIFY', '{"op":10,"data":{"space_id":"s"}}'],
    ['op 11 before IDENTIFY', '{"op":11,"data":{}}'],
    ['op 8 before IDENTIFY', '{"op":8,"data":{"status":"idle"}}'],
    ['IDENTIFY without intents', '{"op":2,"data":{"token":"Bearer tok-u1"}}'],
    ['IDENTIFY with a bitmask', '{"op":2,"data":{"token":"Bearer tok-u1","intents":513}}'],
    ['IDENTIFY with a bare token', '{"op":2,"data":{"token":"tok-u1","intents":[]}}'],
    ['IDENTIFY with an unknown token', '{"op":2,"data":{"token":"Bot nope","intents":[]}}'],
    ['IDENTIFY with a float op', '{"op":2.0,"data":{"token":"Bearer tok-u1","intents":[]}}'],
    ['RESUME without session_id', '{"op":3,"data":{"token":"Bearer tok-u1","seq":1}}'],
    ['RESUME of an unknown session', '{"op":3,"data":{"token":"Bearer tok-u1","session_id":"42","seq":1}}'],
  ])('answers %s with op 7 and drops without a Close frame', (_name, text) => {
    const h = createHarness();
    h.data.addUser('u1');
    const peer = h.connect();
    peer.sendText(text);
    expect(peer.transport.last()).toEqual(INVALID);
    expect(peer.transport.terminated).toBe(true);
    expect(peer.transport.closedWith).toBeNull();
    expect(h.gateway.connections.size).toBe(0);
    // nothing more is processed on that connection
    peer.send({ op: 1 });
    expect(peer.transport.last()).toEqual(INVALID);
  });

  it('times the handshake out with op 7; heartbeats do not extend it', () => {
    const h = createHarness({ handshakeTimeoutMs: 30_000 });
    const peer = h.connect();
    h.clock.advance(20_000);
    peer.send({ op: 1 });
    h.clock.advance(9_999);
    expect(peer.transport.terminated).toBe(false);
    h.clock.advance(1);
    expect(peer.transport.last()).toEqual(INVALID);
    expect(peer.transport.terminated).toBe(true);
    expect(peer.transport.closedWith).toBeNull();
  });

  it('a Close frame during the handshake just ends the connection (no op 7)', () => {
    const h = createHarness();
    const peer = h.connect();
    peer.conn.transportClosed(true);
    expect(peer.transport.sent).toHaveLength(1);
    expect(h.gateway.connections.size).toBe(0);
  });
});

describe('READY (docs/protocol.md §1.6)', () => {
  it('has seq 1 and every field, with presences and voice states filled in by the gateway', () => {
    const h = createHarness();
    const token = h.data.addUser('u1');
    h.data.join('u1', 's1');
    h.gateway.live.voiceStates.set('u9', {
      user_id: 'u9', space_id: 's1', channel_id: 'v1', session_id: 'x', deaf: false, mute: false,
      self_deaf: false, self_mute: false, self_stream: false, self_video: false, suppress: false,
    });
    h.gateway.live.voiceStates.set('u8', {
      user_id: 'u8', space_id: null, channel_id: 'dm1', session_id: 'y', deaf: false, mute: false,
      self_deaf: false, self_mute: false, self_stream: false, self_video: false, suppress: false,
    });
    const peer = h.identify(token, ['messages'], { status: 'idle' });
    const ready = peer.transport.dispatches('ready')[0];
    expect(ready?.seq).toBe(1);
    for (const key of ['session_id', 'user_id', 'user', 'spaces', 'channels', 'members', 'roles', 'users', 'voice_states',
      'dm_channels', 'mutes', 'unread', 'presences', 'relationships', 'is_guest', 'api_version', 'server_version', 'motd']) {
      expect(peer.ready).toHaveProperty(key);
    }
    expect(peer.ready.presences).toEqual([
      { user_id: 'u1', status: 'idle', client_status: { desktop: 'idle', mobile: null, web: null }, activities: [], space_id: null },
    ]);
    expect((peer.ready.voice_states as { user_id: string }[]).map((v) => v.user_id)).toEqual(['u9']);
    expect(/^\d+$/.test(peer.sessionId)).toBe(true);
  });

  it('does not deliver the session its own connect presence.update, but its other sessions get it', () => {
    const h = createHarness();
    const token = h.data.addUser('u1');
    h.data.join('u1', 's1');
    const first = h.identify(token);
    const second = h.identify(token);
    expect(second.transport.dispatches('presence.update')).toEqual([]);
    expect(first.transport.dispatches('presence.update')).toEqual([
      { op: 0, type: 'presence.update', seq: 2, data: { user_id: 'u1', status: 'online', client_status: { desktop: 'online' }, activities: [] } },
    ]);
  });

  it('gives guests an empty presence list, no presence and an anonymous count broadcast', () => {
    const h = createHarness();
    const guestToken = h.data.addUser('guest:abc', 'Bearer g', 'guest', 's1');
    const member = h.identify(h.data.addUser('u1'));
    h.data.join('u1', 's1');
    member.conn.session?.spaceIds.add('s1');
    const guest = h.identify(guestToken);
    expect(guest.ready.presences).toEqual([]);
    expect(h.gateway.live.presences.has('guest:abc')).toBe(false);
    expect(member.transport.dispatches('anonymous_count_updated').map((f) => f.data)).toEqual([{ count: 0, space_id: 's1' }]);
  });
});
