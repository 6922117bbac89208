import { describe, expect, it } from 'vitest';
import { AccordStore } from '../../../src/state/index.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import { FakeApiError, FakeClient, deferred, flush } from './fake-client.js';
import { channel, dm, member, message, readyData, role, space, user } from './fixtures.js';
import { setup } from './harness.js';

describe('READY hydration', () => {
  it('fills every cache from the payload and resolves conn.ready', async () => {
    const h = await setup({
      ready: readyData({
        mutes: [{ channel_id: 'c2' }],
        relationships: [{ id: 'u4', user: { id: 'u4', username: 'four', display_name: null, avatar: null }, type: 1, since: 'x' }],
      }),
    });
    await expect(h.conn.ready).resolves.toBeUndefined();
    expect(h.conn.status).toBe('connected');
    expect(h.conn.user?.id).toBe('u1');
    expect(h.store.currentUser).toBe(h.store.user('u1'));
    expect(h.conn.spaceIds).toEqual(['s1']);
    expect(h.store.spaces().map((s) => s.id)).toEqual(['s1']);
    expect(h.store.channels('s1').map((c) => c.id)).toEqual(['c1', 'c2', 'v1']);
    expect(h.store.members('s1').map((m) => [m.user_id, m.status])).toEqual([
      ['u1', 'offline'],
      ['u2', 'online'],
      ['u3', 'offline'],
    ]);
    expect(h.store.roles('s1').map((r) => r.id)).toEqual(['r0', 'r1']);
    expect(h.store.dmChannels().map((c) => c.id)).toEqual(['d1']);
    expect(h.store.user('u4')?.username).toBe('user_u4');
    expect(h.store.isMuted('c2')).toBe(true);
    expect(h.store.isMuted('c1')).toBe(false);
    expect(h.conn.cache.relationships.get('u4')?.type).toBe(1);
  });

  it('emits the hydration signals', async () => {
    const clock = new FakeClock();
    const store = new AccordStore({ clock });
    const client = new FakeClient();
    const seen: unknown[] = [];
    store.on('spacesUpdated', () => seen.push(['spacesUpdated']));
    store.on('channelsUpdated', (id) => seen.push(['channelsUpdated', id]));
    store.on('membersUpdated', (id) => seen.push(['membersUpdated', id]));
    store.on('rolesUpdated', (id) => seen.push(['rolesUpdated', id]));
    store.on('dmChannelsUpdated', () => seen.push(['dmChannelsUpdated']));
    store.on('serverReconnected', (id) => seen.push(['serverReconnected', id]));
    store.addServer({ baseUrl: 'http://x', token: 't', clientFactory: () => client });
    client.emit('ready', readyData());
    expect(seen).toEqual([['spacesUpdated'], ['channelsUpdated', 's1'], ['membersUpdated', 's1'], ['rolesUpdated', 's1'], ['dmChannelsUpdated']]);
  });

  it('identifies with every intent unless narrowed', async () => {
    const store = new AccordStore();
    const seen: string[][] = [];
    store.addServer({
      baseUrl: 'http://x',
      token: 't',
      clientFactory: (options) => {
        seen.push(options.intents);
        return new FakeClient();
      },
    });
    store.addServer({ baseUrl: 'http://x', token: 't', intents: ['messages'], clientFactory: (options) => (seen.push(options.intents), new FakeClient()) });
    expect(seen[0]).toContain('presences');
    expect(seen[0]).toContain('soundboard');
    expect(seen[0]).toHaveLength(17);
    expect(seen[1]).toEqual(['messages']);
  });

  it('fetches over REST what READY lacks before resolving ready', async () => {
    const store = new AccordStore({ clock: new FakeClock() });
    const client = new FakeClient();
    const dms = deferred<ReturnType<typeof dm>[]>();
    client.rest.listDmChannels.mockImplementation(() => dms.promise);
    client.rest.listSpaceChannels.mockResolvedValue([channel('c7', 's2')]);
    client.rest.listMembers.mockResolvedValue([member('s2', 'u1')]);
    client.rest.listRoles.mockResolvedValue([role('r7', 0)]);
    const conn = store.addServer({ baseUrl: 'http://x', token: 't', clientFactory: () => client });
    let resolved = false;
    void conn.ready.then(() => (resolved = true));
    client.emit(
      'ready',
      readyData({ spaces: [space('s1'), space('s2')], roles: [role('r0', 0), role('r1', 1), role('rb', 0)], dm_channels: [] }),
    );
    await flush();
    expect(resolved).toBe(false);
    dms.resolve([dm('d5', [user('u1'), user('u5')])]);
    await flush();
    expect(resolved).toBe(true);
    expect(client.rest.listSpaceChannels).toHaveBeenCalledWith('s2');
    expect(client.rest.listSpaceChannels).toHaveBeenCalledTimes(1);
    expect(client.rest.listMembers).toHaveBeenCalledWith('s2', { withUser: true });
    expect(client.rest.listMembers).toHaveBeenCalledTimes(1);
    expect(client.rest.listRoles).not.toHaveBeenCalled();
    expect(store.channels('s2').map((c) => c.id)).toEqual(['c7']);
    expect(store.members('s2').map((m) => m.user_id)).toEqual(['u1']);
    expect(store.roles('s2').map((r) => r.id)).toEqual(['rb']);
    expect(store.dmChannels().map((c) => c.id)).toEqual(['d5']);
  });

  it('a login refused by the gateway (auth) asks for re-authentication', async () => {
    const store = new AccordStore();
    const client = new FakeClient();
    const refusal = Object.assign(new Error('gateway auth: refused'), { kind: 'auth' });
    client.login.mockRejectedValue(refusal);
    const reauth: number[] = [];
    store.on('reauthNeeded', (index) => reauth.push(index));
    const conn = store.addServer({ baseUrl: 'http://x', token: 't', clientFactory: () => client });
    await expect(conn.ready).rejects.toBe(refusal);
    expect(reauth).toEqual([conn.index]);
  });

  it('a login failing for another reason is an error without reauthNeeded', async () => {
    const store = new AccordStore();
    const client = new FakeClient();
    client.login.mockRejectedValue(new Error('ECONNREFUSED'));
    const reauth: number[] = [];
    store.on('reauthNeeded', (index) => reauth.push(index));
    const conn = store.addServer({ baseUrl: 'http://x', token: 't', clientFactory: () => client });
    await expect(conn.ready).rejects.toThrow('ECONNREFUSED');
    expect(conn.status).toBe('error');
    expect(reauth).toEqual([]);
  });

  it('a failed login marks the connection error and rejects ready', async () => {
    const store = new AccordStore();
    const client = new FakeClient();
    client.login.mockRejectedValue(new FakeApiError(401));
    const reauth: number[] = [];
    store.on('reauthNeeded', (index) => reauth.push(index));
    const conn = store.addServer({ baseUrl: 'http://x', token: 't', clientFactory: () => client });
    await expect(conn.ready).rejects.toBeInstanceOf(FakeApiError);
    expect(conn.status).toBe('error');
    expect(reauth).toEqual([conn.index]);
  });
});

describe('a second READY', () => {
  it('replaces the connection data: no duplicates, gone things gone, messages refreshed', async () => {
    const h = await setup();
    const kept = message('c1', 'u2');
    const gone = message('c2', 'u2');
    h.client.emit('message.create', kept);
    h.client.emit('message.create', gone);
    h.client.emit('presence.update', { user_id: 'u3', status: 'online', client_status: {}, activities: [] });
    const missed = message('c1', 'u3', { id: '999999' });
    h.client.rest.listMessages.mockResolvedValue([missed, kept]);
    h.clearSignals();
    h.client.emit(
      'ready',
      readyData({
        channels: [channel('c1', 's1'), channel('c3', 's1', { position: 3 })],
        members: [member('s1', 'u1'), member('s1', 'u2')],
        presences: [],
      }),
    );
    expect(h.store.channels('s1').map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(h.store.members('s1').map((m) => m.user_id)).toEqual(['u1', 'u2']);
    expect(h.store.user('u2')?.status).toBe('offline');
    expect(h.store.messages('c2')).toEqual([]);
    expect(h.store.message(gone.id)).toBeUndefined();
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([kept.id]);
    await flush();
    expect(h.client.rest.listMessages).toHaveBeenCalledTimes(1);
    expect(h.client.rest.listMessages).toHaveBeenCalledWith('c1', { limit: 50 });
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([kept.id, missed.id]);
    expect(h.store.message(missed.id)).toBe(missed);
    expect(h.signals).toContainEqual(['serverReconnected', 's1']);
    expect(h.signals).toContainEqual(['messagesUpdated', 'c1']);
    expect(h.signals).toContainEqual(['messagesUpdated', 'c2']);
  });

  it('does not touch another connection', async () => {
    const h = await setup();
    const other = await h.addServer(
      readyData({
        user_id: 'x1',
        user: user('x1'),
        users: [user('x1')],
        spaces: [space('sx')],
        channels: [channel('cx', 'sx')],
        members: [member('sx', 'x1')],
        dm_channels: [dm('dx', [user('x1'), user('x2')])],
      }),
    );
    const otherMessage = message('cx', 'x1', { space_id: 'sx' });
    other.client.emit('message.create', otherMessage);
    h.client.emit('ready', readyData({ spaces: [], channels: [], members: [], roles: [], dm_channels: [dm('d1', [user('u1')])] }));
    expect(h.store.space('s1')).toBeUndefined();
    expect(h.store.space('sx')?.id).toBe('sx');
    expect(h.store.channels('sx').map((c) => c.id)).toEqual(['cx']);
    expect(h.store.members('sx').map((m) => m.user_id)).toEqual(['x1']);
    expect(h.store.messages('cx')).toEqual([otherMessage]);
    expect(h.store.dmChannels().map((c) => c.id).sort()).toEqual(['d1', 'dx']);
  });

  it('reloads bans that had been loaded', async () => {
    const h = await setup();
    h.store.bans('s1');
    await flush();
    h.client.emit('ready', readyData());
    await flush();
    expect(h.client.rest.listBans).toHaveBeenCalledTimes(2);
  });
});

describe('disconnect, reconnect, resume', () => {
  it('emits lifecycle signals once per space of the connection', async () => {
    const h = await setup({
      ready: readyData({ spaces: [space('s1'), space('s2')], roles: [role('a', 0), role('b', 0)] }),
    });
    h.client.emit('reconnecting', 1, 10);
    expect(h.conn.status).toBe('reconnecting');
    h.client.emit('resumed', { session_id: 'sess', seq: 5, replayed: 2 });
    expect(h.conn.status).toBe('connected');
    h.client.emit('disconnected', 1000, 'logout');
    expect(h.conn.status).toBe('disconnected');
    expect(h.signals).toEqual([
      ['connectionChanged', 0, 'reconnecting'],
      ['serverReconnecting', 's1', 1, 10],
      ['serverReconnecting', 's2', 1, 10],
      ['connectionChanged', 0, 'connected'],
      ['serverReconnected', 's1'],
      ['serverReconnected', 's2'],
      ['connectionChanged', 0, 'disconnected'],
      ['serverDisconnected', 's1', 1000, 'logout'],
      ['serverDisconnected', 's2', 1000, 'logout'],
    ]);
  });

  it('a resume after a full replay refetches nothing', async () => {
    const h = await setup();
    h.client.emit('message.create', message('c1', 'u2'));
    h.client.emit('reconnecting', 1, 10);
    h.client.emit('resumed', { session_id: 'sess', seq: 5, replayed: 3 });
    await flush();
    expect(h.client.rest.listMessages).not.toHaveBeenCalled();
    expect(h.client.rest.listMembers).not.toHaveBeenCalled();
    expect(h.client.rest.getCurrentUser).not.toHaveBeenCalled();
    expect(h.client.login).toHaveBeenCalledTimes(1);
  });
});

describe('escalation', () => {
  it('a fatal close code leads to one full reconnect with re-authentication', async () => {
    const h = await setup();
    h.client.rest.getCurrentUser.mockResolvedValue(user('u1'));
    h.client.emit('disconnected', 4004, 'authentication failed');
    expect(h.signals).toEqual([
      ['connectionChanged', 0, 'disconnected'],
      ['serverDisconnected', 's1', 4004, 'authentication failed'],
      ['connectionChanged', 0, 'reconnecting'],
    ]);
    await flush();
    expect(h.client.rest.getCurrentUser).toHaveBeenCalledTimes(1);
    expect(h.client.login).toHaveBeenCalledTimes(2);
    expect(h.conn.status).toBe('reconnecting');
  });

  it('after the last reconnect attempt fails, escalates once per cycle; the cycle ends at READY', async () => {
    const h = await setup();
    h.client.rest.getCurrentUser.mockResolvedValue(user('u1'));
    h.client.emit('reconnecting', 10, 10);
    h.client.emit('disconnected', 1006, 'heartbeat not acknowledged');
    await flush();
    expect(h.client.login).toHaveBeenCalledTimes(2);
    // the escalated attempt also gives up: no second escalation in this cycle
    h.client.emit('disconnected', 1006, 'gone');
    await flush();
    expect(h.client.login).toHaveBeenCalledTimes(2);
    expect(h.conn.status).toBe('error');
    // a READY ends the cycle: the next give-up escalates again
    h.client.emit('ready', readyData());
    h.client.emit('disconnected', 4004, 'x');
    await flush();
    expect(h.client.login).toHaveBeenCalledTimes(3);
  });

  it('a socket that merely reopens does not end the cycle', async () => {
    const h = await setup();
    h.client.rest.getCurrentUser.mockResolvedValue(user('u1'));
    h.client.emit('disconnected', 4004, 'x');
    await flush();
    h.client.emit('reconnecting', 1, 10);
    h.client.emit('disconnected', 4004, 'x');
    await flush();
    expect(h.client.login).toHaveBeenCalledTimes(2);
  });

  it('refused credentials (users/@me 401 or 403) emit reauthNeeded and do not reconnect', async () => {
    for (const status of [401, 403]) {
      const h = await setup();
      h.client.rest.getCurrentUser.mockRejectedValue(new FakeApiError(status));
      h.client.emit('disconnected', 4004, 'x');
      await flush();
      expect(h.signals.filter(([name]) => name === 'reauthNeeded')).toEqual([['reauthNeeded', h.conn.index]]);
      expect(h.client.login).toHaveBeenCalledTimes(1);
      expect(h.conn.status).toBe('error');
    }
  });

  it('a deliberate close (1000) does not escalate', async () => {
    const h = await setup();
    h.client.emit('disconnected', 1000, 'logout');
    await flush();
    expect(h.client.rest.getCurrentUser).not.toHaveBeenCalled();
    expect(h.client.login).toHaveBeenCalledTimes(1);
  });
});
