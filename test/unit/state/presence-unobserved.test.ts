import { describe, expect, it } from 'vitest';
import { flush } from './fake-client.js';
import { readyData, user } from './fixtures.js';
import { setup } from './harness.js';

const online = (userId: string) => ({ user_id: userId, status: 'online', client_status: { desktop: 'online', mobile: null, web: null }, activities: [], space_id: null });

/**
 * Issue 16 (found by the soak's hostile peer, a member who is mostly offline): once I leave the
 * last space I share with a user, that user's presence updates stop reaching me. When I re-join,
 * the server sends the presences of the co-members online then, nothing for those offline. So a
 * status kept from before I left could only go stale: it must read offline.
 */
describe('presences of users I no longer share a space with', () => {
  it('read offline after I leave the space we shared, and a friend, still observed, keeps its status', async () => {
    const ready = readyData({
      presences: [online('u2'), online('u3')],
      relationships: [{ id: 'u3', user: { id: 'u3', username: 'u3', display_name: null, avatar: null }, type: 1 }],
    });
    const h = await setup({ ready });
    expect(h.store.user('u2')?.status).toBe('online');
    expect(h.store.user('u3')?.status).toBe('online');

    h.client.emit('member.leave', { space_id: 's1', user_id: 'u1', user: user('u1') });
    await flush();

    expect(h.store.user('u2')?.status).toBe('offline');
    expect(h.store.presence('u2')).toBeUndefined();
    expect(h.signals).toContainEqual(['userUpdated', 'u2']);
    // a friend's presence still arrives (docs/protocol.md §2.4): nothing to forget
    expect(h.store.user('u3')?.status).toBe('online');
  });

  it('read offline after the space we shared is deleted', async () => {
    const h = await setup();
    expect(h.store.user('u2')?.status).toBe('online');
    h.client.emit('space.delete', { id: 's1' });
    await flush();
    expect(h.store.user('u2')?.status).toBe('offline');
  });
});
