import { describe, expect, it } from 'vitest';
import { Faults } from '../../../src/server/faults/faults.js';
import { createHarness } from './harness.js';

function setup() {
  const h = createHarness();
  const ta = h.data.addUser('a');
  const tb = h.data.addUser('b');
  h.data.join('a', 's1');
  h.data.join('b', 's1');
  const a = h.identify(ta);
  const b = h.identify(tb);
  const faults = new Faults(h.gateway, h.gateway.runtime.logger);
  const faultLogs = () => h.logs.filter((l) => l.message.startsWith('fault injected'));
  return { h, a, b, ta, faults, faultLogs };
}

describe('fault injection (unit)', () => {
  it('dropAll drops every connection without a Close frame; sessions park; logged with what it hit', () => {
    const { h, a, b, faults, faultLogs } = setup();
    const handshaking = h.connect();
    const result = faults.dropAll();
    expect(result).toEqual({ fault: 'dropAll', hit: [a.sessionId, b.sessionId], detail: { connections: 3 } });
    for (const peer of [a, b, handshaking]) {
      expect(peer.transport.terminated).toBe(true);
      expect(peer.transport.closedWith).toBeNull();
    }
    expect(h.gateway.parkedSessionCount).toBe(2);
    expect(faultLogs()[0]).toMatchObject({ level: 'warn', message: 'fault injected: dropAll', details: { hit: [a.sessionId, b.sessionId] } });
  });

  it('drop targets a user id or a session id', () => {
    const { a, b, faults } = setup();
    expect(faults.drop('a').hit).toEqual([a.sessionId]);
    expect(b.transport.terminated).toBe(false);
    expect(faults.drop(b.sessionId).hit).toEqual([b.sessionId]);
    expect(faults.drop('nobody').hit).toEqual([]);
  });

  it('closeWith sends the code and the session is not resumable', () => {
    const { h, a, b, faults } = setup();
    const result = faults.closeWith(4000, 'test', 'a');
    expect(result.hit).toEqual([a.sessionId]);
    expect(a.transport.closedWith).toEqual({ code: 4000, reason: 'test' });
    expect(b.transport.closedWith).toBeNull();
    expect(h.gateway.registry.get(a.sessionId)).toBeUndefined();
  });

  it('closeWith refuses codes a Close frame cannot carry, touching nothing', () => {
    const { a, faults } = setup();
    for (const code of [1005, 1006, 999, 5000, 4000.5]) expect(() => faults.closeWith(code)).toThrow(RangeError);
    expect(a.transport.closedWith).toBeNull();
    expect(a.conn.phase).toBe('open');
  });

  it('reconnect sends op 6 to live sessions only', () => {
    const { h, a, b, faults } = setup();
    const handshaking = h.connect();
    expect(faults.reconnect().hit).toEqual([a.sessionId, b.sessionId]);
    expect(a.transport.last()).toEqual({ op: 6 });
    expect(handshaking.transport.last()).toMatchObject({ op: 5 });
  });

  it('stopAcking suppresses heartbeat acks for the given time only', () => {
    const { h, a, b, faults } = setup();
    faults.stopAcking(10_000, 'a');
    a.send({ op: 1 });
    b.send({ op: 1 });
    expect(a.transport.last()?.op).not.toBe(4);
    expect(b.transport.last()).toEqual({ op: 4 });
    h.clock.advance(10_000);
    a.send({ op: 1 });
    expect(a.transport.last()).toEqual({ op: 4 });
  });

  it('invalidate: a live session gets op 7 and a drop; a parked one is forgotten; RESUME then fails', () => {
    const { h, a, b, ta, faults } = setup();
    b.conn.transportClosed(false);
    expect(faults.invalidate().hit).toEqual([a.sessionId, b.sessionId]);
    expect(a.transport.last()).toEqual({ op: 7, data: { resumable: false } });
    expect(a.transport.terminated).toBe(true);
    expect(h.gateway.registry.size).toBe(0);
    const again = h.connect();
    again.send({ op: 3, data: { token: ta, session_id: a.sessionId, seq: 1 } });
    expect(again.transport.last()).toEqual({ op: 7, data: { resumable: false } });
  });

  it('restart loses every session, presence and voice state', () => {
    const { h, a, b, faults } = setup();
    b.conn.transportClosed(false);
    expect(faults.restart().hit.sort()).toEqual([a.sessionId, b.sessionId].sort());
    expect(h.gateway.registry.size).toBe(0);
    expect(h.gateway.connections.size).toBe(0);
    expect(h.gateway.live.presences.size).toBe(0);
    expect(a.transport.terminated).toBe(true);
  });

  it('pauseDispatch holds events; resumeDispatch flushes them in order', () => {
    const { h, a, faults } = setup();
    faults.pauseDispatch();
    h.gateway.publish({ type: 'message.create', data: { n: 1 }, spaceId: 's1' });
    h.gateway.publish({ type: 'message.create', data: { n: 2 }, spaceId: 's1' });
    expect(a.transport.dispatches('message.create')).toEqual([]);
    expect(faults.resumeDispatch().detail).toEqual({ flushed: 2 });
    expect(a.transport.dispatches('message.create').map((f) => (f.data as { n: number }).n)).toEqual([1, 2]);
  });

  it('injectRaw sends the text as-is, without a seq and without buffering', () => {
    const { h, a, b, faults } = setup();
    const seq = h.gateway.registry.get(a.sessionId)?.seq;
    faults.injectRaw('{"op":0,"type":"message.create","data":{', 'a');
    expect(a.transport.sent.at(-1)).toBe('{"op":0,"type":"message.create","data":{');
    expect(b.transport.sent.at(-1)).not.toBe('{"op":0,"type":"message.create","data":{');
    expect(h.gateway.registry.get(a.sessionId)?.seq).toBe(seq);
  });
});
