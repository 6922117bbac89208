import { afterEach, describe, expect, it } from 'vitest';
import { AccordClient } from '../../../src/client/index.js';
import { AccordRest } from '../../../src/rest/index.js';
import { AccordServer } from '../../../src/server/index.js';
import { AccordStore, type ServerConnection, type StoreClientOptions } from '../../../src/state/index.js';
import { waitFor } from './converge.js';

const servers: AccordServer[] = [];
const stores: AccordStore[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A REST answer the test releases by hand. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** A real AccordClient whose message pages and reactor lists wait for `held` to open. */
function heldClient(options: StoreClientOptions, held: Promise<void>): AccordClient {
  const client = new AccordClient(options);
  const rest = client.rest;
  const listMessages = rest.listMessages.bind(rest);
  const listReactionUsers = rest.listReactionUsers.bind(rest);
  rest.listMessages = async (...args) => {
    await held;
    return listMessages(...args);
  };
  rest.listReactionUsers = async (...args) => {
    await held;
    return listReactionUsers(...args);
  };
  return client;
}

/** The in-flight bookkeeping a connection owns, as counts. */
function inFlight(conn: ServerConnection): { journals: number; reconciles: number } {
  return { journals: conn.inFlight.journals.size, reconciles: conn.inFlight.reconciles.size };
}

describe('two AccordStores in one process', () => {
  it('each keeps its own in-flight work: one store holding a refresh and a reconcile leaves the other untouched', async () => {
    const server = await AccordServer.start({ port: 0, seed: 'demo' });
    servers.push(server);
    const seeded = server.seeded;
    const [alice, bob, carol] = seeded?.users ?? [];
    const general = seeded?.spaces[0]?.channels.find((c) => c.name === 'general')?.id;
    if (!alice || !bob || !carol || !general) throw new Error('demo seed incomplete');
    const bobRest = new AccordRest({ baseUrl: server.url, token: bob.token });
    const carolRest = new AccordRest({ baseUrl: server.url, token: carol.token });
    // A message with a reaction before either store loads it: the page brings a count without reactors.
    const target = await bobRest.createMessage(general, 'react to me');
    await bobRest.addReaction(general, target.id, '👍');

    const held = gate();
    const storeA = new AccordStore();
    const storeB = new AccordStore();
    stores.push(storeA, storeB);
    const connA = storeA.addServer({ baseUrl: server.url, token: alice.token, clientFactory: (options) => heldClient(options, held.wait) });
    const connB = storeB.addServer({ baseUrl: server.url, token: alice.token });
    await Promise.all([connA.ready, connB.ready]);

    // Store A: a refresh of #general in flight (its page held).
    const refreshA = storeA.fetchMessages(general);
    expect(inFlight(connA).journals).toBe(1);
    expect(inFlight(connB)).toEqual({ journals: 0, reconciles: 0 });

    // Store B refreshes the same channel on its own and finishes while A's is still open.
    await storeB.fetchMessages(general);
    expect(storeB.message(target.id)?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 1, me: false }]);
    expect(inFlight(connB)).toEqual({ journals: 0, reconciles: 0 });
    expect(inFlight(connA).journals).toBe(1);

    // An event for the channel: journaled by A (its refresh is open), applied at once by B.
    const during = await bobRest.createMessage(general, 'while A waits');
    await waitFor(() => storeB.message(during.id) !== undefined, 'store B to receive the message');
    expect(connA.inFlight.journals.get(general)?.entries.map((entry) => entry.kind)).toContain('create');
    expect(inFlight(connB)).toEqual({ journals: 0, reconciles: 0 });

    // A reaction by someone whose presence among the reactors B cannot know: B reconciles over
    // REST and settles; A's refresh (and the reconcile its replay starts) stays A's.
    await carolRest.addReaction(general, target.id, '👍');
    await waitFor(() => storeB.message(target.id)?.reactions?.[0]?.count === 2, 'store B to reconcile the reaction');
    expect(inFlight(connB)).toEqual({ journals: 0, reconciles: 0 });
    expect(inFlight(connA).journals).toBe(1);

    held.open();
    await refreshA;
    await waitFor(() => inFlight(connA).reconciles === 0 && storeA.message(target.id)?.reactions?.[0]?.count === 2, 'store A to settle');
    expect(inFlight(connA)).toEqual({ journals: 0, reconciles: 0 });
    expect(storeA.message(during.id)?.content).toBe('while A waits');
    expect(storeA.messages(general).map((m) => m.id)).toEqual(storeB.messages(general).map((m) => m.id));
    expect(storeA.message(target.id)?.reactions).toEqual(storeB.message(target.id)?.reactions);
  });
});
