import { afterEach, describe, expect, it } from 'vitest';
import { AccordRest } from '../../../src/rest/index.js';
import { waitFor } from './converge.js';
import { World, demo, record, restAs } from './world.js';

const world = new World();
afterEach(() => world.close());

describe('connection lifecycle signals over real sockets', () => {
  it('a short drop says why (close code and reason) before serverReconnecting, and every status change', async () => {
    const server = await world.server();
    const s = demo(server);
    const alice = s.user('alice');
    const store = world.store();
    const conn = store.addServer({ baseUrl: server.url, token: alice.token });
    await conn.ready;
    const signals = record(store, ['serverDisconnected', 'serverReconnecting', 'serverReconnected', 'connectionChanged']);

    // A server-chosen close ends the session: the RESUME that follows is refused (op 9), a second
    // loss, and the client identifies anew. Each loss is told with its own code and reason.
    server.faults.closeWith(4000, 'maintenance', alice.id);
    await waitFor(() => signals.some(([name, id]) => name === 'serverReconnected' && id === s.lounge.id), 'the store to come back');

    const lounge = signals.filter(([name, id]) => name !== 'connectionChanged' && id === s.lounge.id);
    expect(lounge).toEqual([
      ['serverDisconnected', s.lounge.id, 4000, 'maintenance'],
      ['serverReconnecting', s.lounge.id, 1, 10],
      ['serverDisconnected', s.lounge.id, 1006, 'invalid session, resumable=false'],
      ['serverReconnecting', s.lounge.id, 2, 10],
      ['serverReconnected', s.lounge.id],
    ]);
    expect(signals.filter(([name]) => name === 'connectionChanged')).toEqual([
      ['connectionChanged', conn.index, 'disconnected'],
      ['connectionChanged', conn.index, 'reconnecting'],
      ['connectionChanged', conn.index, 'disconnected'],
      ['connectionChanged', conn.index, 'reconnecting'],
      ['connectionChanged', conn.index, 'connected'],
    ]);
  });

  it('a drop without a Close frame is told as 1006 before serverReconnecting', async () => {
    const server = await world.server();
    const s = demo(server);
    const alice = s.user('alice');
    const store = world.store();
    const conn = store.addServer({ baseUrl: server.url, token: alice.token });
    await conn.ready;
    const signals = record(store, ['serverDisconnected', 'serverReconnecting', 'serverReconnected']);

    server.faults.drop(alice.id);
    await waitFor(() => signals.some(([name, id]) => name === 'serverReconnected' && id === s.dev.id), 'the store to resume');
    expect(signals.filter(([, id]) => id === s.dev.id)).toEqual([
      ['serverDisconnected', s.dev.id, 1006, ''],
      ['serverReconnecting', s.dev.id, 1, 10],
      ['serverReconnected', s.dev.id],
    ]);
  });

  it('a connection that holds no space (DM only) reports its status changes', async () => {
    const server = await world.server();
    const s = demo(server);
    const { user, token } = await AccordRest.register(server.url, { username: 'loner', password: 'loner-password-1' });
    const loner = restAs(server, token);
    for (const space of await loner.listCurrentUserSpaces()) await loner.leaveSpace(space.id);
    await loner.createDmChannel(s.user('alice').id);
    const store = world.store();
    const signals = record(store, ['connectionChanged', 'serverDisconnected']);
    const conn = store.addServer({ baseUrl: server.url, token });
    await conn.ready;
    expect(conn.spaceIds).toEqual([]);
    expect(store.dmChannels()).toHaveLength(1);
    expect(signals).toEqual([['connectionChanged', conn.index, 'connected']]);

    server.faults.closeWith(4000, 'maintenance', user.id);
    await waitFor(() => signals.filter(([name]) => name === 'connectionChanged').length === 6, 'the reconnect');
    expect(signals).toEqual([
      ['connectionChanged', conn.index, 'connected'],
      ['connectionChanged', conn.index, 'disconnected'],
      ['connectionChanged', conn.index, 'reconnecting'],
      ['connectionChanged', conn.index, 'disconnected'],
      ['connectionChanged', conn.index, 'reconnecting'],
      ['connectionChanged', conn.index, 'connected'],
    ]);
    await store.removeServer(conn);
    expect(signals.at(-1)).toEqual(['connectionChanged', conn.index, 'disconnected']);
  });

  it('READY hydration signals what it filled: voice channels with users, spaces, channels, members, roles, DMs, friends', async () => {
    const server = await world.server();
    const s = demo(server);
    await restAs(server, s.user('bob').token).joinVoice(s.lobby);
    const store = world.store();
    const signals = record(store, ['voiceStateUpdated', 'spacesUpdated', 'channelsUpdated', 'membersUpdated', 'rolesUpdated', 'dmChannelsUpdated', 'relationshipsUpdated']);
    const conn = store.addServer({ baseUrl: server.url, token: s.user('alice').token });
    await conn.ready;

    expect(store.voiceStates(s.lobby).map((state) => state.user_id)).toEqual([s.user('bob').id]);
    expect(signals).toContainEqual(['voiceStateUpdated', s.lobby]);
    for (const spaceId of [s.lounge.id, s.dev.id]) {
      expect(signals).toContainEqual(['channelsUpdated', spaceId]);
      expect(signals).toContainEqual(['membersUpdated', spaceId]);
      expect(signals).toContainEqual(['rolesUpdated', spaceId]);
    }
    expect(signals).toContainEqual(['spacesUpdated']);
    expect(signals).toContainEqual(['dmChannelsUpdated']);
    expect(signals).toContainEqual(['relationshipsUpdated']);
  });
});
