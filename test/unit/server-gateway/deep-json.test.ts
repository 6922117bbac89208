import { describe, expect, it } from 'vitest';
import { nestsTooDeep, SERDE_DEPTH_LIMIT } from '../../../src/server/json-depth.js';
import { createHarness } from './harness.js';

const INVALID = { op: 7, data: { resumable: false } };

/** An op 8 frame whose activity nests `levels` arrays (the frame and data objects add 2 more). */
const deepPresence = (levels: number): string =>
  `{"op":8,"data":{"status":"idle","activity":${'['.repeat(levels)}${']'.repeat(levels)}}}`;

describe('nestsTooDeep (serde_json recursion limit)', () => {
  it('accepts 127 levels and refuses 128, counting the outermost value', () => {
    expect(SERDE_DEPTH_LIMIT).toBe(128);
    expect(nestsTooDeep('['.repeat(127) + ']'.repeat(127))).toBe(false);
    expect(nestsTooDeep('['.repeat(128) + ']'.repeat(128))).toBe(true);
    expect(nestsTooDeep('{"a":'.repeat(128) + 'null' + '}'.repeat(128))).toBe(true);
    expect(nestsTooDeep('[{"a":'.repeat(64) + '{}' + '}]'.repeat(64))).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestsTooDeep(JSON.stringify({ content: '['.repeat(500) + '{'.repeat(500) }))).toBe(false);
    expect(nestsTooDeep(JSON.stringify(['a\\', '"[[[', '['.repeat(300)]))).toBe(false);
    // a string ending in an escaped backslash closes; the brackets after it count
    expect(nestsTooDeep(`["x\\\\",${'['.repeat(200)}${']'.repeat(200)}]`)).toBe(true);
  });

  it('keeps counting across siblings: depth, not the number of brackets', () => {
    expect(nestsTooDeep(JSON.stringify(Array.from({ length: 1000 }, () => [[[1]]])))).toBe(false);
  });
});

describe('inbound JSON nested past the limit is bad JSON (docs/protocol.md §1.14)', () => {
  it('op 8 nested 5000 deep after the handshake: ignored, counted, presence unchanged, nothing logged', () => {
    const h = createHarness({ rateLimit: { frames: 2, windowMs: 60_000 } });
    const ta = h.data.addUser('a');
    const tw = h.data.addUser('w');
    h.data.join('a', 's1');
    h.data.join('w', 's1');
    const watcher = h.identify(tw, ['presences']);
    const a = h.identify(ta, [], { status: 'dnd' });
    const before = watcher.transport.dispatches('presence.update').length;

    a.sendText(deepPresence(5000));
    expect(a.conn.ignoredFrames).toBe(1);
    expect(watcher.transport.dispatches('presence.update').length).toBe(before);
    expect(h.gateway.live.presences.get('a')).toEqual({ status: 'dnd', activities: [] });
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);

    // counted for the rate limit: the 2nd frame is the last one allowed, the 3rd closes with 4008
    a.sendText(deepPresence(5000));
    expect(a.transport.closedWith).toBeNull();
    a.sendText(deepPresence(5000));
    expect(a.transport.closedWith).toEqual({ code: 4008, reason: 'rate limit exceeded' });
  });

  it('an activity nested just under the limit is still accepted and published', () => {
    const h = createHarness();
    const ta = h.data.addUser('a');
    const tw = h.data.addUser('w');
    h.data.join('a', 's1');
    h.data.join('w', 's1');
    const watcher = h.identify(tw, ['presences']);
    const a = h.identify(ta, []);
    a.sendText(deepPresence(125));
    expect(a.conn.ignoredFrames).toBe(0);
    expect(watcher.transport.dispatches('presence.update').at(-1)?.data).toMatchObject({ user_id: 'a', status: 'idle' });
    a.sendText(deepPresence(126));
    expect(a.conn.ignoredFrames).toBe(1);
  });

  it('during the handshake: op 7 and a drop without a Close frame, even for an otherwise valid IDENTIFY', () => {
    const h = createHarness();
    const token = h.data.addUser('u1');
    const peer = h.connect();
    peer.sendText(`{"op":2,"data":{"token":${JSON.stringify(token)},"intents":[],"properties":${'{"a":'.repeat(5000)}null${'}'.repeat(5000)}}}`);
    expect(peer.transport.last()).toEqual(INVALID);
    expect(peer.transport.terminated).toBe(true);
    expect(peer.transport.closedWith).toBeNull();
    expect(h.gateway.registry.size).toBe(0);
  });
});

describe('nothing thrown on the publish/routing path escapes a frame handler', () => {
  it('a data-side failure while handling a frame is logged; the connection carries on', () => {
    const h = createHarness();
    const token = h.data.addUser('u1');
    h.data.resolveToken = () => {
      throw new Error('database is gone');
    };
    const peer = h.connect();
    expect(() => peer.send({ op: 2, data: { token, intents: [] } })).not.toThrow();
    expect(h.logs.some((l) => l.level === 'error' && String(l.details?.error).includes('database is gone'))).toBe(true);
    peer.send({ op: 1 });
    expect(peer.transport.last()).toEqual({ op: 4 });
  });

  it('a session whose socket throws on send does not keep the event from the others', () => {
    const h = createHarness();
    const tokens = ['a', 'b', 'c'].map((id) => {
      h.data.join(id, 's1');
      return h.data.addUser(id);
    });
    const peers = tokens.map((token) => h.identify(token, ['messages']));
    const broken = peers[1];
    if (!broken) throw new Error('no peer');
    broken.transport.sendDispatch = () => {
      throw new Error('socket exploded');
    };
    h.gateway.publish({ type: 'message.create', data: { id: 'm1', channel_id: 'c1' }, spaceId: 's1' });
    expect(peers[0]?.transport.dispatches('message.create')).toHaveLength(1);
    expect(peers[2]?.transport.dispatches('message.create')).toHaveLength(1);
    expect(h.logs.filter((l) => l.message === 'gateway: delivering an event failed')).toHaveLength(1);
  });

  it('an event that cannot be serialized is logged once and delivered to nobody', () => {
    const h = createHarness();
    h.data.join('a', 's1');
    h.data.join('b', 's1');
    const peers = [h.identify(h.data.addUser('a'), ['messages']), h.identify(h.data.addUser('b'), ['messages'])];
    const cyclic: Record<string, unknown> = { id: 'm1', channel_id: 'c1' };
    cyclic.self = cyclic;
    expect(() => h.gateway.publish({ type: 'message.create', data: cyclic, spaceId: 's1' })).not.toThrow();
    for (const peer of peers) expect(peer.transport.dispatches('message.create')).toEqual([]);
    expect(h.logs.filter((l) => l.level === 'error')).toHaveLength(1);
  });
});
