import { describe, expect, it } from 'vitest';
import { channel, dm, message, space, user } from './fixtures.js';
import { setup } from './harness.js';

describe('spaces', () => {
  it('space.create adds the space to the connection', async () => {
    const h = await setup();
    h.client.emit('space.create', space('s2'));
    expect(h.store.spaces().map((s) => s.id)).toEqual(['s1', 's2']);
    expect(h.conn.spaceIds).toEqual(['s1', 's2']);
    expect(h.signals).toEqual([['spacesUpdated']]);
  });

  it('space.update replaces a known space and ignores unknown ones', async () => {
    const h = await setup();
    h.client.emit('space.update', space('s1', { name: 'Renamed' }));
    h.client.emit('space.update', space('zz'));
    expect(h.store.space('s1')?.name).toBe('Renamed');
    expect(h.store.space('zz')).toBeUndefined();
    expect(h.signals).toEqual([['spacesUpdated']]);
  });

  it('space.delete drops the space with its channels, members, roles and messages', async () => {
    const h = await setup();
    const m = message('c1', 'u2');
    h.client.emit('message.create', m);
    h.clearSignals();
    h.client.emit('space.delete', { id: 's1' });
    expect(h.store.space('s1')).toBeUndefined();
    expect(h.store.channels('s1')).toEqual([]);
    expect(h.store.members('s1')).toEqual([]);
    expect(h.store.roles('s1')).toEqual([]);
    expect(h.store.message(m.id)).toBeUndefined();
    expect(h.store.messages('c1')).toEqual([]);
    // u2 was online and shares no other space with me: it now reads offline (presence-unobserved.test.ts)
    expect(h.signals).toEqual([['userUpdated', 'u2'], ['spacesUpdated']]);
  });
});

describe('channels', () => {
  it('channel.create adds a space channel in position order', async () => {
    const h = await setup();
    h.client.emit('channel.create', channel('c0', 's1', { position: 0, id: 'c0' }));
    h.client.emit('channel.create', channel('c3', 's1', { position: 5 }));
    expect(h.store.channels('s1').map((c) => c.id)).toEqual(['c0', 'c1', 'c2', 'v1', 'c3']);
    expect(h.store.channel('c3')?.space_id).toBe('s1');
    expect(h.signals).toEqual([
      ['channelsUpdated', 's1'],
      ['channelsUpdated', 's1'],
    ]);
  });

  it('a dm / group_dm channel goes to the DM cache with its recipients', async () => {
    const h = await setup();
    h.client.emit('channel.create', dm('d2', [user('u1'), user('u8', { display_name: 'Eight' })]));
    h.client.emit('channel.create', dm('g1', [user('u1'), user('u2'), user('u3')], { type: 'group_dm' }));
    expect(h.store.dmChannels().map((c) => c.id).sort()).toEqual(['d1', 'd2', 'g1']);
    expect(h.store.channels('s1').map((c) => c.id)).not.toContain('d2');
    expect(h.store.user('u8')?.display_name).toBe('Eight');
    expect(h.signals).toEqual([['dmChannelsUpdated'], ['dmChannelsUpdated']]);
  });

  it('a repeated channel.create of an existing DM does not duplicate it', async () => {
    const h = await setup();
    h.client.emit('channel.create', dm('d1', [user('u1'), user('u4')]));
    expect(h.store.dmChannels().map((c) => c.id)).toEqual(['d1']);
  });

  it('channel.update replaces, keeping the derived voice_users', async () => {
    const h = await setup();
    h.store.channel('v1')!.voice_users = 2;
    h.client.emit('channel.update', channel('v1', 's1', { type: 'voice', name: 'Lounge', position: 2 }));
    expect(h.store.channel('v1')?.name).toBe('Lounge');
    expect(h.store.channel('v1')?.voice_users).toBe(2);
    expect(h.signals).toEqual([['channelsUpdated', 's1']]);
  });

  it('channel.delete ({id, space_id}) drops the channel and its messages', async () => {
    const h = await setup();
    const m = message('c2', 'u2');
    h.client.emit('message.create', m);
    h.clearSignals();
    h.client.emit('channel.delete', { id: 'c2', space_id: 's1' });
    expect(h.store.channel('c2')).toBeUndefined();
    expect(h.store.channels('s1').map((c) => c.id)).toEqual(['c1', 'v1']);
    expect(h.store.message(m.id)).toBeUndefined();
    expect(h.signals).toEqual([['channelsUpdated', 's1']]);
  });

  it('channel.delete ({id}) of a DM signals the DM list', async () => {
    const h = await setup();
    h.client.emit('channel.delete', { id: 'd1' });
    expect(h.store.dmChannels()).toEqual([]);
    expect(h.signals).toEqual([['dmChannelsUpdated']]);
  });

  it('channel.reorder replaces the space channel list', async () => {
    const h = await setup();
    h.client.emit('channel.reorder', {
      space_id: 's1',
      channels: [channel('c2', 's1', { position: 0 }), channel('c1', 's1', { position: 1 })],
    });
    expect(h.store.channels('s1').map((c) => c.id)).toEqual(['c2', 'c1']);
    expect(h.signals).toEqual([['channelsUpdated', 's1']]);
  });

  it('channel.pins_update signals messagesUpdated for the channel', async () => {
    const h = await setup();
    h.client.emit('channel.pins_update', { channel_id: 'c1' });
    expect(h.signals).toEqual([['messagesUpdated', 'c1']]);
  });

  it('DMs are listed by most recent message first', async () => {
    const h = await setup();
    h.client.emit('channel.create', dm('d2', [user('u1'), user('u5')], { last_message_id: '50' }));
    h.client.emit('channel.create', dm('d3', [user('u1'), user('u6')], { last_message_id: '100' }));
    expect(h.store.dmChannels().map((c) => c.id)).toEqual(['d3', 'd2', 'd1']);
  });
});
