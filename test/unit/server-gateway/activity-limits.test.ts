import { describe, expect, it } from 'vitest';
import { MAX_ACTIVITIES, MAX_ACTIVITY_BYTES } from '../../../src/server/gateway/inbound.js';
import { createHarness } from './harness.js';

/**
 * Issue 16: one size rule for presence activities, in op 8 and in IDENTIFY alike (the real server
 * relays any JSON; we refuse what does not fit, the way it refuses malformed presence data).
 */

function setup() {
  const h = createHarness();
  const ta = h.data.addUser('a');
  const tw = h.data.addUser('w');
  h.data.join('a', 's1');
  h.data.join('w', 's1');
  const watcher = h.identify(tw, ['presences']);
  const updates = () =>
    watcher.transport.dispatches('presence.update').map((f) => f.data as { user_id: string; status: string; activities: unknown[] }).filter((d) => d.user_id === 'a');
  return { h, ta, watcher, updates };
}

/** An activity whose JSON is exactly `bytes` long. */
function activityOf(bytes: number): { name: string } {
  const overhead = JSON.stringify({ name: '' }).length;
  return { name: 'n'.repeat(bytes - overhead) };
}

describe('presence activity size (op 8 and IDENTIFY)', () => {
  it('limits are 4 KiB of JSON per activity and 5 activities per IDENTIFY', () => {
    expect(MAX_ACTIVITY_BYTES).toBe(4096);
    expect(MAX_ACTIVITIES).toBe(5);
  });

  it('op 8 with an activity over 4 KiB is ignored (and counted); exactly 4 KiB goes through', () => {
    const { h, ta, updates } = setup();
    const a = h.identify(ta, [], { status: 'online' });
    const before = updates().length;
    a.send({ op: 8, data: { status: 'dnd', activity: activityOf(MAX_ACTIVITY_BYTES + 1) } });
    expect(updates()).toHaveLength(before);
    expect(h.gateway.live.presences.get('a')).toEqual({ status: 'online', activities: [] });
    expect(a.conn.ignoredFrames).toBe(1);
    const fits = activityOf(MAX_ACTIVITY_BYTES);
    a.send({ op: 8, data: { status: 'idle', activity: fits } });
    expect(updates().at(-1)).toMatchObject({ status: 'idle', activities: [fits] });
  });

  it('IDENTIFY with an oversized activity succeeds, but its presence is ignored whole (status too)', () => {
    const { h, ta, updates } = setup();
    const a = h.identify(ta, [], { status: 'dnd', activities: [{ name: 'ok' }, activityOf(MAX_ACTIVITY_BYTES + 1)] });
    expect(a.ready.session_id).toBeTypeOf('string');
    expect(updates()).toEqual([expect.objectContaining({ status: 'online', activities: [] })]);
  });

  it('IDENTIFY with a single oversized `activity` is ignored the same way', () => {
    const { h, ta, updates } = setup();
    h.identify(ta, [], { status: 'idle', activity: activityOf(MAX_ACTIVITY_BYTES + 1) });
    expect(updates()).toEqual([expect.objectContaining({ status: 'online', activities: [] })]);
  });

  it('IDENTIFY with more than 5 activities is ignored; 5 small ones are kept', () => {
    const { h, ta, updates } = setup();
    const six = Array.from({ length: MAX_ACTIVITIES + 1 }, (_, i) => ({ name: `a${i}` }));
    h.identify(ta, [], { status: 'dnd', activities: six });
    expect(updates().at(-1)).toMatchObject({ status: 'online', activities: [] });
    const five = six.slice(0, MAX_ACTIVITIES);
    h.identify(ta, [], { status: 'dnd', activities: five });
    expect(updates().at(-1)).toMatchObject({ status: 'dnd', activities: five });
  });

  it('an oversized IDENTIFY presence keeps what was stored (no preference), like an absent one', () => {
    const { h, ta, updates } = setup();
    h.identify(ta, [], { status: 'dnd', activities: [{ name: 'Chess' }] });
    h.identify(ta, [], { status: 'idle', activities: [activityOf(MAX_ACTIVITY_BYTES + 1)] });
    expect(updates().at(-1)).toMatchObject({ status: 'dnd', activities: [{ name: 'Chess' }] });
  });
});
