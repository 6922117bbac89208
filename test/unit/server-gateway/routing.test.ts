import { describe, expect, it } from 'vitest';
import { createHarness } from './harness.js';

function setup(intentsA?: string[]) {
  const h = createHarness();
  const ta = h.data.addUser('a');
  const tb = h.data.addUser('b');
  const tc = h.data.addUser('c');
  h.data.join('a', 's1');
  h.data.join('b', 's1');
  h.data.join('c', 's2');
  const a = h.identify(ta, intentsA);
  const b = h.identify(tb);
  const c = h.identify(tc);
  return { h, a, b, c, ta };
}

const types = (peer: { transport: { dispatches(): { type?: string }[] } }) =>
  peer.transport.dispatches().map((f) => f.type).filter((t) => t !== 'ready' && t !== 'presence.update');

describe('routing (docs/protocol.md §2.3)', () => {
  it('space-routed events reach members of that space only; global events reach everyone', () => {
    const { h, a, b, c } = setup();
    h.gateway.publish({ type: 'space.update', data: { id: 's1' }, spaceId: 's1' });
    h.gateway.publish({ type: 'report.create', data: {}, spaceId: null });
    expect(types(a)).toEqual(['space.update', 'report.create']);
    expect(types(b)).toEqual(['space.update', 'report.create']);
    expect(types(c)).toEqual(['report.create']);
  });

  it('targets take precedence over space_id and are delivered once per session', () => {
    const { h, a, b, c } = setup();
    h.gateway.publish({ type: 'plugin.event', data: {}, spaceId: 's1', targetUserIds: ['c', 'c'] });
    expect(types(a)).toEqual([]);
    expect(types(b)).toEqual([]);
    expect(types(c)).toEqual(['plugin.event']);
  });

  it('gates by intent; unknown types and user.update are always delivered', () => {
    const { h, a } = setup(['spaces']);
    for (const type of ['message.create', 'typing.start', 'member.update', 'voice.state_update', 'ban.create', 'user.update', 'made.up', 'channel.create']) {
      h.gateway.publish({ type, data: { channel_id: 'x' }, spaceId: 's1' });
    }
    expect(types(a)).toEqual(['user.update', 'made.up', 'channel.create']);
  });

  it('stamps seq per session with no gaps after filtering', () => {
    const { h, a, b } = setup(['messages']);
    h.gateway.publish({ type: 'typing.start', data: { channel_id: 'x' }, spaceId: 's1' });
    h.gateway.publish({ type: 'message.create', data: { channel_id: 'x' }, spaceId: 's1' });
    expect(a.transport.dispatches('message.create')[0]?.seq).toBe(2);
    // b has every intent: typing then message, consecutive seqs
    const bFrames = b.transport.dispatches().filter((f) => f.type === 'typing.start' || f.type === 'message.create');
    expect(bFrames[1]?.seq).toBe((bFrames[0]?.seq ?? 0) + 1);
  });

  it('suppresses message.* and typing.* in muted channels, not reactions', () => {
    const h = createHarness();
    const ta = h.data.addUser('a');
    h.data.join('a', 's1');
    h.data.mutes.set('a', new Set(['muted']));
    const a = h.identify(ta);
    for (const type of ['message.create', 'message.update', 'message.delete', 'typing.start', 'reaction.add']) {
      h.gateway.publish({ type, data: { channel_id: 'muted' }, spaceId: 's1' });
    }
    h.gateway.publish({ type: 'message.create', data: { channel_id: 'open' }, spaceId: 's1' });
    expect(types(a)).toEqual(['reaction.add', 'message.create']);
  });

  it('channel_mute.* reloads the mute set and is never delivered', () => {
    const h = createHarness();
    const ta = h.data.addUser('a');
    h.data.join('a', 's1');
    const a = h.identify(ta);
    h.data.mutes.set('a', new Set(['c1']));
    h.gateway.publish({ type: 'channel_mute.create', data: { channel_id: 'c1' }, targetUserIds: ['a'] });
    h.gateway.publish({ type: 'message.create', data: { channel_id: 'c1' }, spaceId: 's1' });
    expect(types(a)).toEqual([]);
    h.data.mutes.set('a', new Set());
    h.gateway.publish({ type: 'channel_mute.delete', data: { channel_id: 'c1' }, targetUserIds: ['a'] });
    h.gateway.publish({ type: 'message.create', data: { channel_id: 'c1' }, spaceId: 's1' });
    expect(types(a)).toEqual(['message.create']);
    expect(a.transport.dispatches('message.create')[0]?.seq).toBe(2);
  });

  it('own member.join refreshes routing first and is delivered with the members intent', () => {
    const { h, c } = setup();
    h.data.join('c', 's1');
    h.gateway.publish({ type: 'member.join', data: { space_id: 's1', user: { id: 'c' }, joined_at: 'x' }, spaceId: 's1' });
    h.gateway.publish({ type: 'message.create', data: { channel_id: 'x' }, spaceId: 's1' });
    expect(types(c)).toEqual(['member.join', 'message.create']);
  });

  it('own member.join without the members intent still refreshes routing, but is not delivered', () => {
    const h = createHarness();
    const ta = h.data.addUser('a');
    const a = h.identify(ta, ['messages']);
    h.data.join('a', 's1');
    h.gateway.publish({ type: 'member.join', data: { space_id: 's1', user: { id: 'a' } }, spaceId: 's1' });
    h.gateway.publish({ type: 'message.create', data: { channel_id: 'x' }, spaceId: 's1' });
    expect(types(a)).toEqual(['message.create']);
  });

  it('own member.leave is delivered and later space events are not', () => {
    const { h, a, b } = setup();
    h.data.leave('a', 's1');
    h.gateway.publish({ type: 'member.leave', data: { space_id: 's1', user_id: 'a' }, spaceId: 's1' });
    h.gateway.publish({ type: 'message.create', data: { channel_id: 'x' }, spaceId: 's1' });
    expect(types(a)).toEqual(['member.leave']);
    expect(types(b)).toEqual(['member.leave', 'message.create']);
  });

  it('holds events while dispatch is paused and flushes them in order', () => {
    const { h, a } = setup();
    h.gateway.pauseDispatch();
    h.gateway.publish({ type: 'message.create', data: { id: '1' }, spaceId: 's1' });
    h.gateway.publish({ type: 'message.update', data: { id: '1' }, spaceId: 's1' });
    expect(types(a)).toEqual([]);
    expect(h.gateway.resumeDispatch()).toBe(2);
    expect(types(a)).toEqual(['message.create', 'message.update']);
  });
});
