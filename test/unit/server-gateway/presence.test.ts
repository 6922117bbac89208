import { describe, expect, it } from 'vitest';
import { createHarness } from './harness.js';

function setup() {
  const h = createHarness();
  const ta = h.data.addUser('a');
  const tw = h.data.addUser('w');
  h.data.join('a', 's1');
  h.data.join('w', 's1');
  h.data.join('a', 's2');
  h.data.join('w', 's2');
  const watcher = h.identify(tw, ['presences']);
  const updates = () =>
    watcher.transport.dispatches('presence.update').map((f) => f.data as { user_id: string; status: string; client_status: unknown; activities: unknown[] }).filter((d) => d.user_id === 'a');
  return { h, ta, watcher, updates };
}

describe('presence (docs/protocol.md §1.5.4, §1.15, §3.5)', () => {
  it('honours the IDENTIFY presence, once per shared space (duplicates are normal)', () => {
    const { h, ta, updates } = setup();
    h.identify(ta, [], { status: 'dnd', activities: [{ name: 'Chess' }] });
    expect(updates()).toEqual([
      { user_id: 'a', status: 'dnd', client_status: { desktop: 'dnd' }, activities: [{ name: 'Chess' }] },
      { user_id: 'a', status: 'dnd', client_status: { desktop: 'dnd' }, activities: [{ name: 'Chess' }] },
    ]);
  });

  it('preserves the stored status for a second IDENTIFY without presence; READY shows it', () => {
    const { h, ta, updates } = setup();
    h.identify(ta, [], { status: 'dnd' });
    const second = h.identify(ta, []);
    expect(updates().at(-1)?.status).toBe('dnd');
    expect(second.ready.presences).toContainEqual(expect.objectContaining({ user_id: 'a', status: 'dnd' }));
  });

  it('defaults to online with no activities', () => {
    const { h, ta, updates } = setup();
    h.identify(ta, []);
    expect(updates()[0]).toEqual({ user_id: 'a', status: 'online', client_status: { desktop: 'online' }, activities: [] });
  });

  it('publishes invisible as offline, while READY presences leak the stored invisible', () => {
    const { h, ta, updates } = setup();
    h.identify(ta, [], { status: 'invisible' });
    expect(updates()[0]).toMatchObject({ status: 'offline', client_status: {} });
    const again = h.identify(ta, []);
    expect(again.ready.presences).toContainEqual(expect.objectContaining({ user_id: 'a', status: 'invisible' }));
  });

  it('op 8 replaces presence: unknown status is online, activity wrapped, ignored without status', () => {
    const { h, ta, updates } = setup();
    const a = h.identify(ta, []);
    a.send({ op: 8, data: { status: 'idle', activity: { name: 'x' }, activities: [{ name: 'ignored' }] } });
    expect(updates().at(-1)).toEqual({ user_id: 'a', status: 'idle', client_status: { desktop: 'idle' }, activities: [{ name: 'x' }] });
    a.send({ op: 8, data: { status: 'weird' } });
    expect(updates().at(-1)).toMatchObject({ status: 'online', activities: [] });
    const count = updates().length;
    a.send({ op: 8, data: { activity: { name: 'y' } } });
    expect(updates().length).toBe(count);
    expect(a.conn.ignoredFrames).toBe(1);
  });

  it('goes offline when the last session ends, and also to friends who share no space', () => {
    const h = createHarness();
    const ta = h.data.addUser('a');
    const tf = h.data.addUser('f');
    h.data.friends.set('a', ['f']);
    const friend = h.identify(tf, ['presences']);
    const a = h.identify(ta, []);
    expect(friend.transport.dispatches('presence.update').map((f) => (f.data as { status: string }).status)).toEqual(['online']);
    a.conn.transportClosed(true);
    expect(friend.transport.dispatches('presence.update').map((f) => (f.data as { status: string }).status)).toEqual(['online', 'offline']);
    expect(h.gateway.live.presences.has('a')).toBe(false);
  });

  it('QUIRK: a guest op 8 is not blocked: stored and broadcast into the guest space', () => {
    const { h, watcher } = setup();
    const guest = h.identify(h.data.addUser('guest:1', 'Bearer g', 'guest', 's1'), []);
    expect(h.gateway.live.presences.has('guest:1')).toBe(false);
    guest.send({ op: 8, data: { status: 'idle' } });
    expect(h.gateway.live.presences.get('guest:1')).toEqual({ status: 'idle', activities: [] });
    expect(watcher.transport.last()).toMatchObject({ type: 'presence.update', data: { user_id: 'guest:1', status: 'idle' } });
  });

  it('without the presences intent, no presence.update is delivered', () => {
    const h = createHarness();
    const ta = h.data.addUser('a');
    const tw = h.data.addUser('w');
    h.data.join('a', 's1');
    h.data.join('w', 's1');
    const watcher = h.identify(tw, ['messages']);
    h.identify(ta, []);
    expect(watcher.transport.dispatches('presence.update')).toEqual([]);
  });
});

describe('GatewayControl.publishPresence (presence on join, superset)', () => {
  it('publishes the stored presence to that one space, in the presence.update shape', () => {
    const { h, ta, watcher, updates } = setup();
    h.identify(ta, [], { status: 'idle', activities: [{ name: 'x' }] });
    const before = updates().length;
    h.data.join('w', 's3');
    h.data.join('a', 's3');
    watcher.conn.session?.spaceIds.add('s3');
    h.gateway.control.publishPresence('a', 's3');
    expect(updates().slice(before)).toEqual([{ user_id: 'a', status: 'idle', client_status: { desktop: 'idle' }, activities: [{ name: 'x' }] }]);
  });

  it("sends the joiner each co-member's stored presence, to the joiner alone", () => {
    const { h, ta } = setup();
    const tx = h.data.addUser('x');
    h.data.join('x', 's1');
    h.identify(ta, [], { status: 'dnd' });
    const joiner = h.identify(tx, ['presences']);
    const other = h.data.addUser('y');
    h.data.join('y', 's1');
    const bystander = h.identify(other, ['presences']);
    const seenBy = (t: typeof joiner) => t.transport.dispatches('presence.update').map((f) => f.data as { user_id: string; status: string });
    h.data.join('x', 's4');
    h.data.join('a', 's4');
    h.data.join('w', 's4');
    const joinerBefore = seenBy(joiner).length;
    const bystanderBefore = seenBy(bystander).length;
    h.gateway.control.publishPresence('x', 's4');
    const toJoiner = seenBy(joiner).slice(joinerBefore);
    expect(toJoiner).toEqual(
      expect.arrayContaining([expect.objectContaining({ user_id: 'a', status: 'dnd' }), expect.objectContaining({ user_id: 'w', status: 'online' })]),
    );
    expect(toJoiner.filter((p) => p.user_id !== 'x')).toHaveLength(2);
    expect(seenBy(bystander).slice(bystanderBefore).filter((p) => p.user_id !== 'x')).toEqual([]);
  });

  it('invisible goes out as offline; a user without a stored presence gets nothing', () => {
    const { h, ta, updates } = setup();
    h.identify(ta, [], { status: 'invisible' });
    const before = updates().length;
    h.gateway.control.publishPresence('a', 's1');
    expect(updates().slice(before)).toEqual([{ user_id: 'a', status: 'offline', client_status: {}, activities: [] }]);
    h.gateway.control.publishPresence('nobody', 's1');
    expect(updates().length).toBe(before + 1);
  });
});
