import { afterEach, describe, expect, it } from 'vitest';
import type { AccordServer } from '../../../src/server/index.js';
import type { AccordStore } from '../../../src/state/index.js';
import { waitFor } from './converge.js';
import { World, demo, record, restAs } from './world.js';

const world = new World();
afterEach(() => world.close());

/** What a UI reads of the lounge, at any moment. */
function loungeView(store: AccordStore, s: ReturnType<typeof demo>) {
  return {
    space: store.space(s.lounge.id)?.id,
    channels: store.channels(s.lounge.id).length,
    members: store.members(s.lounge.id).length,
    general: store.messages(s.general).map((m) => m.id),
  };
}

/** Carol (added first) and Dave (added second) in one store: both are in the lounge. */
async function twoAccounts(server: AccordServer) {
  const s = demo(server);
  const store = world.store();
  const carol = store.addServer({ baseUrl: server.url, token: s.user('carol').token });
  const dave = store.addServer({ baseUrl: server.url, token: s.user('dave').token });
  await Promise.all([carol.ready, dave.ready]);
  return { s, store, carol, dave };
}

describe('two accounts of one store that share a space', () => {
  it('list the space once and route it to the account added first, whichever READY came last', async () => {
    const server = await world.server();
    const { s, store, carol, dave } = await twoAccounts(server);
    expect(carol.spaceIds).toContain(s.lounge.id);
    expect(dave.spaceIds).toContain(s.lounge.id);
    expect(store.spaces().map((space) => space.id).sort()).toEqual([s.lounge.id, s.dev.id].sort());
    expect(store.connectionOfSpace(s.lounge.id)).toBe(carol);
    expect(store.connectionOfSpace(s.dev.id)).toBe(dave);
    expect(store.connectionOf(s.general)).toBe(carol);
    expect(store.space(s.lounge.id)).toBe(carol.cache.spaces.get(s.lounge.id));

    // Dave's READY again (a rebuild) does not take the space over.
    server.faults.drop(s.user('dave').id);
    server.faults.invalidate(s.user('dave').id);
    await waitFor(() => dave.readyCount === 2 && dave.status === 'connected', "dave's rebuild");
    expect(store.connectionOfSpace(s.lounge.id)).toBe(carol);
    expect(store.spaces().filter((space) => space.id === s.lounge.id)).toHaveLength(1);
  });

  it('when the routed account leaves the space, the other takes over without a gap', async () => {
    const server = await world.server();
    const { s, store, dave } = await twoAccounts(server);
    const history = await store.fetchMessages(s.general);
    expect(history.length).toBeGreaterThan(0);
    const mention = await restAs(server, s.user('bob').token).createMessage(s.general, 'hi @dave');
    await waitFor(() => dave.cache.mentions.get(s.general) === 1 && store.message(mention.id) !== undefined, 'the mention on both');
    const before = loungeView(store, s);
    expect(store.mentionCount(s.general)).toBe(0); // carol's view: not mentioned

    // Every signal the leave causes finds the lounge readable, from dave now.
    const during: ReturnType<typeof loungeView>[] = [];
    for (const name of ['spacesUpdated', 'membersUpdated', 'channelsUpdated', 'messagesUpdated'] as const) {
      store.on(name, () => during.push(loungeView(store, s)));
    }
    await restAs(server, s.user('carol').token).leaveSpace(s.lounge.id);
    await waitFor(() => store.connectionOfSpace(s.lounge.id) === dave, 'dave to take the lounge over');

    expect(during.length).toBeGreaterThan(0);
    for (const view of during) {
      expect(view.space).toBe(s.lounge.id);
      expect(view.channels).toBe(before.channels);
      // Carol's leave reaches the two sockets in either order: she is in the list or just gone.
      expect([before.members, before.members - 1]).toContain(view.members);
      expect(view.general).toEqual(expect.arrayContaining(before.general));
    }
    expect(store.spaces().map((space) => space.id).sort()).toEqual([s.lounge.id, s.dev.id].sort());
    expect(store.connectionOf(s.general)).toBe(dave);
    await waitFor(() => store.members(s.lounge.id).length === before.members - 1, "carol's leave on dave's side");
    expect(store.member(s.lounge.id, s.user('carol').id)).toBeUndefined();
    expect(store.mentionCount(s.general)).toBe(1); // dave's own read state
    expect(store.isUnread(s.general)).toBe(true);
    // The REST refresh gives dave's view of the messages (reactions' `me` are dave's).
    const truth = await restAs(server, s.user('dave').token).listMessages(s.general, { limit: 50 });
    await waitFor(
      () => JSON.stringify(store.messages(s.general).map((m) => [m.id, m.reactions])) === JSON.stringify([...truth].reverse().map((m) => [m.id, m.reactions])),
      "dave's messages to equal the server's",
    );
  });

  it('when the routed connection is removed, the other takes over with the messages and members', async () => {
    const server = await world.server();
    const { s, store, carol, dave } = await twoAccounts(server);
    await store.fetchMessages(s.general);
    const before = loungeView(store, s);
    const signals = record(store, ['spacesUpdated', 'channelsUpdated', 'membersUpdated', 'messagesUpdated']);

    const routed = store.connectionOf(s.general);
    const other = routed === carol ? dave : carol;
    if (!routed) throw new Error('#general is not routed');
    await store.removeServer(routed);
    expect(loungeView(store, s)).toEqual(before);
    expect(store.connectionOf(s.general)).toBe(other);
    expect(store.connectionOfSpace(s.lounge.id)).toBe(other);
    expect(store.spaces().map((space) => space.id).sort()).toEqual([s.lounge.id, s.dev.id].sort());
    await waitFor(() => signals.some(([name, id]) => name === 'channelsUpdated' && id === s.lounge.id), 'the handover signals');
    expect(signals).toContainEqual(['membersUpdated', s.lounge.id]);
    expect(signals).toContainEqual(['messagesUpdated', s.general]);
  });
});
