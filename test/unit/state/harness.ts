import { AccordStore, type AccordStoreOptions, type ServerConnection, type StoreSignals } from '../../../src/state/index.js';
import { STORE_SIGNAL_NAMES } from '../../../src/state/types.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import type { ReadyData } from '../../../src/models/index.js';
import { FakeClient, flush } from './fake-client.js';
import { readyData } from './fixtures.js';

/** Every store signal (the store's own list, so a new signal is recorded too). */
export const SIGNAL_NAMES: readonly (keyof StoreSignals)[] = STORE_SIGNAL_NAMES;

export type SignalRecord = [string, ...unknown[]];

/** Records every store signal with its arguments, in order. */
export function recordSignals(store: AccordStore): { list: SignalRecord[]; clear: () => void } {
  const list: SignalRecord[] = [];
  for (const name of SIGNAL_NAMES) {
    store.on(name, (...args: unknown[]) => list.push([name, ...args]));
  }
  return { list, clear: () => (list.length = 0) };
}

export interface Harness {
  store: AccordStore;
  clock: FakeClock;
  client: FakeClient;
  conn: ServerConnection;
  signals: SignalRecord[];
  clearSignals: () => void;
  addServer: (ready?: ReadyData) => Promise<{ client: FakeClient; conn: ServerConnection }>;
}

/** A store with one fake connection that has received `ready` (the standard READY by default). */
export async function setup(options: { ready?: ReadyData; store?: AccordStoreOptions } = {}): Promise<Harness> {
  const clock = new FakeClock();
  const store = new AccordStore({ clock, ...options.store });
  const addServer = async (ready: ReadyData = readyData()): Promise<{ client: FakeClient; conn: ServerConnection }> => {
    const client = new FakeClient();
    const conn = store.addServer({ baseUrl: 'http://127.0.0.1:1', token: 'secret-token', clientFactory: () => client });
    client.emit('ready', ready);
    await flush();
    return { client, conn };
  };
  const { client, conn } = await addServer(options.ready ?? readyData());
  const recorder = recordSignals(store);
  return { store, clock, client, conn, signals: recorder.list, clearSignals: recorder.clear, addServer };
}
