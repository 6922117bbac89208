import { describe, expect, it } from 'vitest';
import { flush } from './fake-client.js';
import { channel, dm, member, message, readyData, space, user } from './fixtures.js';
import { setup } from './harness.js';

const secondServer = () =>
  readyData({
    user_id: 'x1',
    user: user('x1'),
    users: [user('x1'), user('x2')],
    spaces: [space('sx')],
    channels: [channel('cx', 'sx')],
    members: [member('sx', 'x1'), member('sx', 'x2')],
    dm_channels: [dm('dx', [user('x1'), user('x2')])],
    presences: [],
  });

describe('multi-server routing', () => {
  it('holds both connections and routes reads to the owner', async () => {
    const h = await setup();
    const b = await h.addServer(secondServer());
    expect(h.store.connections.map((c) => c.index)).toEqual([h.conn.index, b.conn.index]);
    expect(h.conn.index).not.toBe(b.conn.index);
    expect(h.store.spaces().map((s) => s.id)).toEqual(['s1', 'sx']);
    expect(h.store.channel('cx')?.space_id).toBe('sx');
    expect(h.store.channel('c1')?.space_id).toBe('s1');
    expect(h.store.dmChannels().map((c) => c.id).sort()).toEqual(['d1', 'dx']);
    expect(h.store.currentUser?.id).toBe('u1');
    expect(b.conn.user?.id).toBe('x1');
    // which account acts on a channel: its space's connection, or the one holding the DM
    expect(h.store.connectionOf('c1')).toBe(h.conn);
    expect(h.store.connectionOf('cx')).toBe(b.conn);
    expect(h.store.connectionOf('d1')).toBe(h.conn);
    expect(h.store.connectionOf('dx')).toBe(b.conn);
    expect(h.store.connectionOf('nowhere')).toBeUndefined();
  });

  it('applies an event to the connection it arrived on only', async () => {
    const h = await setup();
    const b = await h.addServer(secondServer());
    // The same channel id arriving on the wrong connection is not that connection's channel.
    b.client.emit('message.create', message('c1', 'x2', { space_id: 's1' }));
    expect(h.store.messages('c1')).toEqual([]);
    const m = message('cx', 'x2', { space_id: 'sx' });
    b.client.emit('message.create', m);
    expect(h.store.messages('cx')).toEqual([m]);
    expect(h.conn.cache.findMessage(m.id) !== undefined).toBe(false);
    // my own id differs per connection: x1's message on b is mine there
    b.client.emit('message.create', message('cx', 'x1', { space_id: 'sx' }));
    expect(h.store.isUnread('cx')).toBe(true);
    b.client.emit('typing.start', { channel_id: 'cx', user_id: 'x1' });
    expect(h.signals.filter(([name]) => name === 'typingStarted')).toEqual([]);
  });

  it('ignores events for a removed connection and drops its data and timers', async () => {
    const h = await setup();
    const b = await h.addServer(secondServer());
    b.client.emit('typing.start', { channel_id: 'cx', user_id: 'x2' });
    expect(h.clock.pending).toBe(1);
    h.clearSignals();
    await h.store.removeServer(b.conn);
    expect(b.client.logout).toHaveBeenCalledTimes(1);
    expect(h.clock.pending).toBe(0);
    expect(h.store.connections).toEqual([h.conn]);
    expect(h.store.space('sx')).toBeUndefined();
    expect(h.store.channel('cx')).toBeUndefined();
    expect(h.store.dmChannels().map((c) => c.id)).toEqual(['d1']);
    expect(h.signals.filter(([name]) => name !== 'connectionChanged')).toEqual([['typingStopped', 'cx'], ['spacesUpdated'], ['dmChannelsUpdated']]);
    expect(h.signals).toContainEqual(['connectionChanged', 1, 'disconnected']);
    h.clearSignals();
    b.client.emit('ready', secondServer());
    b.client.emit('message.create', message('cx', 'x2', { space_id: 'sx' }));
    b.client.emit('disconnected', 4004, 'x');
    await flush();
    expect(h.signals).toEqual([]);
    expect(h.store.space('sx')).toBeUndefined();
    expect(b.client.rest.getCurrentUser).not.toHaveBeenCalled();
    // the first connection is untouched
    expect(h.store.channels('s1').map((c) => c.id)).toEqual(['c1', 'c2', 'v1']);
  });

  it('a late REST answer for a removed connection is dropped', async () => {
    const h = await setup();
    let answer: (value: ReturnType<typeof user>) => void = () => undefined;
    h.client.rest.getUser.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    h.client.emit('message.create', message('c1', 'u9'));
    await h.store.removeServer(h.conn);
    answer(user('u9'));
    await flush();
    expect(h.store.user('u9')).toBeUndefined();
    expect(h.signals.filter(([name]) => name === 'userUpdated')).toEqual([]);
  });
});
