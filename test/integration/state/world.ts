import { AccordServer } from '../../../src/server/index.js';
import { AccordRest } from '../../../src/rest/index.js';
import { AccordStore, type AccordStoreOptions, type StoreSignals } from '../../../src/state/index.js';

/** Servers and stores a test started, closed after it. */
export class World {
  private readonly servers: AccordServer[] = [];
  private readonly stores: AccordStore[] = [];

  async server(): Promise<AccordServer> {
    const server = await AccordServer.start({ port: 0, seed: 'demo' });
    this.servers.push(server);
    return server;
  }

  store(options: AccordStoreOptions = {}): AccordStore {
    const store = new AccordStore(options);
    this.stores.push(store);
    return store;
  }

  async close(): Promise<void> {
    await Promise.all(this.stores.splice(0).map((store) => store.close()));
    await Promise.all(this.servers.splice(0).map((server) => server.close()));
  }
}

/** The demo seed's users and lounge channels. */
export function demo(server: AccordServer) {
  const seeded = server.seeded;
  if (!seeded) throw new Error('demo seed missing');
  const user = (name: string) => {
    const found = seeded.users.find((u) => u.username === name);
    if (!found) throw new Error(`no demo user ${name}`);
    return found;
  };
  const [lounge, dev] = seeded.spaces;
  if (!lounge || !dev) throw new Error('demo seed incomplete');
  const channel = (name: string) => {
    const found = lounge.channels.find((c) => c.name === name);
    if (!found) throw new Error(`no #${name}`);
    return found.id;
  };
  return { user, lounge, dev, channel, general: channel('general'), random: channel('random'), lobby: channel('Lobby') };
}

export const restAs = (server: AccordServer, token: string) => new AccordRest({ baseUrl: server.url, token });

export type Signal = [keyof StoreSignals, ...unknown[]];

/** Records the named signals of a store, in order. */
export function record(store: AccordStore, names: (keyof StoreSignals)[]): Signal[] {
  const list: Signal[] = [];
  for (const name of names) store.on(name, (...args: unknown[]) => list.push([name, ...args]));
  return list;
}
