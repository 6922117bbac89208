import { describe, expect, it } from 'vitest';
import { deferred, flush } from './fake-client.js';
import { ban, invite } from './fixtures.js';
import { setup } from './harness.js';
import type { Ban } from '../../../src/models/index.js';

describe('bans', () => {
  it('loads over REST on the first ask, returns the cache now and signals when loaded', async () => {
    const h = await setup();
    h.client.rest.listBans.mockResolvedValue([ban('s1', 'u7'), ban('s1', 'u8')]);
    expect(h.store.bans('s1')).toEqual([]);
    await flush();
    expect(h.store.bans('s1').map((b) => b.user_id)).toEqual(['u7', 'u8']);
    expect(h.signals).toEqual([['bansUpdated', 's1']]);
    h.store.bans('s1');
    expect(h.client.rest.listBans).toHaveBeenCalledTimes(1);
  });

  it('ban.create / ban.delete keep the cache current', async () => {
    const h = await setup();
    h.client.rest.listBans.mockResolvedValue([ban('s1', 'u7')]);
    h.store.bans('s1');
    await flush();
    h.clearSignals();
    h.client.emit('ban.create', ban('s1', 'u3', { reason: 'spam' }));
    h.client.emit('ban.delete', { space_id: 's1', user_id: 'u7' });
    expect(h.store.bans('s1').map((b) => [b.user_id, b.reason])).toEqual([['u3', 'spam']]);
    expect(h.signals).toEqual([
      ['bansUpdated', 's1'],
      ['bansUpdated', 's1'],
    ]);
    expect(h.client.rest.listBans).toHaveBeenCalledTimes(1);
  });

  it('events during the load are not undone by the (older) REST answer', async () => {
    const h = await setup();
    const answer = deferred<Ban[]>();
    h.client.rest.listBans.mockImplementation(() => answer.promise);
    h.store.bans('s1');
    h.client.emit('ban.create', ban('s1', 'u3'));
    h.client.emit('ban.delete', { space_id: 's1', user_id: 'u7' });
    answer.resolve([ban('s1', 'u7')]);
    await flush();
    expect(h.store.bans('s1').map((b) => b.user_id)).toEqual(['u3']);
  });

  it('a failed load is retried on the next ask', async () => {
    const h = await setup();
    h.client.rest.listBans.mockRejectedValueOnce(new Error('403'));
    h.store.bans('s1');
    await flush();
    h.client.rest.listBans.mockResolvedValue([ban('s1', 'u9')]);
    h.store.bans('s1');
    await flush();
    expect(h.store.bans('s1').map((b) => b.user_id)).toEqual(['u9']);
    expect(h.client.rest.listBans).toHaveBeenCalledTimes(2);
  });
});

describe('invites', () => {
  it('loads on first ask and follows invite.create / invite.delete', async () => {
    const h = await setup();
    h.client.rest.listInvites.mockResolvedValue([invite('AAAA', 's1')]);
    expect(h.store.invites('s1')).toEqual([]);
    await flush();
    expect(h.store.invites('s1').map((i) => i.code)).toEqual(['AAAA']);
    h.client.emit('invite.create', invite('BBBB', 's1'));
    h.client.emit('invite.delete', { code: 'AAAA', space_id: 's1' });
    expect(h.store.invites('s1').map((i) => i.code)).toEqual(['BBBB']);
    h.client.emit('invite.delete', { code: 'BBBB' });
    expect(h.store.invites('s1')).toEqual([]);
    expect(h.signals).toEqual([
      ['invitesUpdated', 's1'],
      ['invitesUpdated', 's1'],
      ['invitesUpdated', 's1'],
      ['invitesUpdated', 's1'],
    ]);
  });

  it('returns [] for a space no connection holds, without REST', async () => {
    const h = await setup();
    expect(h.store.invites('nope')).toEqual([]);
    expect(h.store.bans('nope')).toEqual([]);
    expect(h.client.rest.listInvites).not.toHaveBeenCalled();
  });
});
