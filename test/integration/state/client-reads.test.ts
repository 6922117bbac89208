import { afterEach, describe, expect, it } from 'vitest';
import { AccordClient } from '../../../src/client/index.js';
import { RelationshipType } from '../../../src/models/index.js';
import type { AccordServer } from '../../../src/server/index.js';
import { waitFor } from './converge.js';
import { World, demo, record, restAs } from './world.js';

const world = new World();
const clients: AccordClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.logout()));
  await world.close();
});

/** `POST /channels/{id}/call/{action}` as a DM participant (the SDK has no call endpoints). */
async function callAction(server: AccordServer, token: string, channelId: string, action: 'ring' | 'decline' | 'cancel', body: unknown = {}): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/channels/${channelId}/call/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

describe('what a client writer reads of the store', () => {
  it('relationships() holds READY friends and follows relationship events, with relationshipsUpdated', async () => {
    const server = await world.server();
    const s = demo(server);
    const store = world.store();
    const conn = store.addServer({ baseUrl: server.url, token: s.user('alice').token });
    await conn.ready;
    expect(store.relationships().map((r) => [r.id, r.type]).sort()).toEqual(
      [
        [s.user('bob').id, RelationshipType.FRIEND],
        [s.user('heidi').id, RelationshipType.PENDING_OUTGOING], // the seed asks heidi, who never answered
      ].sort(),
    );
    const signals = record(store, ['relationshipsUpdated']);
    await restAs(server, s.user('carol').token).putRelationship(s.user('alice').id, 1);
    await waitFor(() => store.relationships().some((r) => r.id === s.user('carol').id), "carol's request");
    expect(store.relationships(conn.index).find((r) => r.id === s.user('carol').id)?.type).toBe(RelationshipType.PENDING_INCOMING);
    expect(signals).toContainEqual(['relationshipsUpdated']);

    await restAs(server, s.user('alice').token).deleteRelationship(s.user('bob').id);
    await waitFor(() => !store.relationships().some((r) => r.id === s.user('bob').id), 'the removal');
    expect(signals.length).toBeGreaterThanOrEqual(2);
  });

  it('presence(userId) keeps activities and client_status, and an activity change alone signals userUpdated', async () => {
    const server = await world.server();
    const s = demo(server);
    const store = world.store();
    const conn = store.addServer({ baseUrl: server.url, token: s.user('alice').token });
    await conn.ready;
    const bobId = s.user('bob').id;
    const bob = new AccordClient({ baseUrl: server.url, token: s.user('bob').token });
    clients.push(bob);
    await bob.login();
    await waitFor(() => store.presence(bobId)?.status === 'online', "bob's presence");
    const updates = record(store, ['userUpdated']);

    await bob.updatePresence('online', { name: 'chess', type: 0 });
    await waitFor(() => (store.presence(bobId)?.activities.length ?? 0) > 0, "bob's activity");
    expect(store.presence(bobId)).toMatchObject({ user_id: bobId, status: 'online', activities: [{ name: 'chess' }], client_status: { desktop: 'online' } });
    expect(store.user(bobId)?.status).toBe('online');
    expect(updates).toContainEqual(['userUpdated', bobId]);
  });

  it('call(channelId) follows call.ring, call.decline, call.cancel and call.end with callUpdated', async () => {
    const server = await world.server();
    const s = demo(server);
    const alice = s.user('alice');
    const bob = s.user('bob');
    const store = world.store();
    const conn = store.addServer({ baseUrl: server.url, token: alice.token });
    await conn.ready;
    const dm = store.dmChannels().find((c) => c.type === 'dm' && c.recipients?.some((r) => r.id === bob.id));
    if (!dm) throw new Error('no alice-bob DM');
    const signals = record(store, ['callUpdated']);

    await callAction(server, bob.token, dm.id, 'ring', { metadata: { video: true } });
    await waitFor(() => store.call(dm.id) !== undefined, 'the ring');
    expect(store.call(dm.id)).toMatchObject({ channel_id: dm.id, caller_id: bob.id, metadata: { video: true }, declined: [], state: 'ringing', ended_by: null });
    expect(store.call(dm.id)?.participants.sort()).toEqual([alice.id, bob.id].sort());

    await callAction(server, alice.token, dm.id, 'decline');
    await waitFor(() => (store.call(dm.id)?.declined.length ?? 0) > 0, 'the decline');
    expect(store.call(dm.id)?.declined).toEqual([alice.id]);

    await callAction(server, bob.token, dm.id, 'cancel');
    await waitFor(() => store.call(dm.id)?.state === 'cancelled', 'the cancel');
    expect(store.call(dm.id)?.ended_by).toBe(bob.id);

    // The last participant leaving the DM's voice ends the call.
    const bobRest = restAs(server, bob.token);
    await bobRest.joinVoice(dm.id);
    await bobRest.leaveVoice(dm.id);
    await waitFor(() => store.call(dm.id)?.state === 'ended', 'the end');
    expect(store.call(dm.id)?.ended_by).toBe(bob.id);
    expect(signals.filter(([, id]) => id === dm.id).length).toBeGreaterThanOrEqual(4);
  });

  it('voiceServer(connIndex) is cleared when I leave voice', async () => {
    const server = await world.server();
    const s = demo(server);
    const store = world.store();
    const conn = store.addServer({ baseUrl: server.url, token: s.user('alice').token });
    await conn.ready;
    const left: unknown[] = [];
    store.on('voiceLeft', (...args) => left.push(args));

    store.joinVoice(s.lobby);
    await waitFor(() => store.voiceServer(conn.index) !== null, 'the voice server');
    expect(store.voiceServer(conn.index)?.channel_id).toBe(s.lobby);
    store.leaveVoice();
    await waitFor(() => left.length > 0, 'the leave');
    expect(left).toEqual([[s.lobby, true]]);
    expect(store.voiceServer(conn.index)).toBeNull();
  });
});
