import { afterEach } from 'vitest';
import type { Message } from '../../../src/models/index.js';
import { AccordRest } from '../../../src/rest/index.js';
import { AccordServer } from '../../../src/server/index.js';
import { AccordStore, type AccordStoreOptions, type ServerConnection } from '../../../src/state/index.js';
import { waitFor } from './converge.js';

/** A demo server, a store signed in as bob (a plain member of the lounge), and what the store's client receives. */
export interface ActionsWorld {
  server: AccordServer;
  store: AccordStore;
  conn: ServerConnection;
  me: { id: string; token: string };
  alice: { id: string; token: string };
  general: string;
  random: string;
  /** message.create events the store's client received, in order. */
  creates: Message[];
  /** Bob's REST client outside the store (to read the server's truth). */
  rest: AccordRest;
  /** The server's messages of a channel with this content, over REST. */
  onServer(channelId: string, content: string): Promise<Message[]>;
  /** Waits until the store's client received `count` creates with this content. */
  created(content: string, count?: number): Promise<Message>;
}

const servers: AccordServer[] = [];
const stores: AccordStore[] = [];

/** Registers cleanup; call once at the top of a test file. */
export function useActionsWorlds(): void {
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
}

export async function actionsWorld(options: AccordStoreOptions = {}): Promise<ActionsWorld> {
  const server = await AccordServer.start({ port: 0, seed: 'demo' });
  servers.push(server);
  const seeded = server.seeded;
  const alice = seeded?.users.find((u) => u.username === 'alice');
  const bob = seeded?.users.find((u) => u.username === 'bob');
  const lounge = seeded?.spaces[0];
  const channel = (name: string): string => {
    const found = lounge?.channels.find((c) => c.name === name);
    if (!found) throw new Error(`no #${name}`);
    return found.id;
  };
  if (!alice || !bob) throw new Error('demo seed incomplete');
  const store = new AccordStore({ sendRetry: { baseDelayMs: 40, maxDelayMs: 400 }, ...options });
  stores.push(store);
  const conn = store.addServer({ baseUrl: server.url, token: bob.token });
  const creates: Message[] = [];
  conn.client.on('message.create', (message) => creates.push(message));
  await conn.ready;
  const general = channel('general');
  const random = channel('random');
  await store.fetchMessages(general);
  await store.fetchMessages(random);
  const rest = new AccordRest({ baseUrl: server.url, token: bob.token });
  return {
    server,
    store,
    conn,
    me: { id: bob.id, token: bob.token },
    alice: { id: alice.id, token: alice.token },
    general,
    random,
    creates,
    rest,
    onServer: async (channelId, content) => (await rest.listMessages(channelId, { limit: 100 })).filter((m) => m.content === content),
    created: async (content, count = 1) => {
      await waitFor(() => creates.filter((m) => m.content === content).length >= count, `message.create of '${content}'`);
      return creates.find((m) => m.content === content) as Message;
    },
  };
}

/** The entries of the store's channel list with this content. */
export function entries(store: AccordStore, channelId: string, content: string) {
  return store.messages(channelId).filter((m) => m.content === content);
}
