/**
 * What the store benches share: a store fed through the real GatewaySocket by a bench socket,
 * the bare JSON.parse floor, and a side that keeps its first (warm) store open while it is timed
 * again and again (the fairness rules at the top of store-pipeline.ts).
 */
import type { WebSocketMessageEventLike } from '../src/gateway/index.js';
import { AccordStore } from '../src/state/index.js';
import { FakeClock } from '../src/util/fake-clock.js';
import { settle, startTiming, type Timing } from './measure.js';
import type { Side } from './side-by-side.js';
import { BenchSocket, HELLO } from './store-fixtures.js';

export type Feed = (event: WebSocketMessageEventLike) => void;

/** A store with one connection whose socket the bench feeds; HELLO (and READY, if given) delivered. */
export function connectedStore(ready: string | null, messageCap: number): { store: AccordStore; feed: Feed } {
  const store = new AccordStore({ clock: new FakeClock(), messageCap });
  store.addServer({ baseUrl: 'http://127.0.0.1:9', gatewayUrl: 'ws://bench/ws', token: 'bench', WebSocket: BenchSocket });
  const handler = BenchSocket.last?.onmessage;
  if (!handler) throw new Error('bench socket not attached');
  handler({ data: HELLO });
  if (ready !== null) handler({ data: ready });
  return { store, feed: handler };
}

/** The bare floor: parse every frame, read one field, drop the result. */
export function timeParse(frames: readonly string[]): Timing {
  let checksum = 0;
  const stop = startTiming();
  for (const data of frames) checksum += (JSON.parse(data) as { seq: number }).seq;
  const timing = stop();
  if (checksum === 0) throw new Error('unreachable');
  return timing;
}

/**
 * Feeds the frames, each in a fresh message event as a socket delivers it (a prebuilt array of
 * event objects would add a cold read per frame that the floors do not have).
 */
export function timeFeed(feed: Feed, frames: readonly string[]): Timing {
  const stop = startTiming();
  for (const data of frames) feed({ data });
  return stop();
}

/**
 * A side whose every run builds a store (`prepare`, untimed, its garbage collected before the
 * clock starts), times `timed` on it, checks it, and closes it, except the first store: that one
 * stays open until `closeWarm`, as an application's store lives on while it works.
 */
export class StoreSide implements Side {
  private warm: AccordStore | null = null;

  constructor(
    readonly name: string,
    private readonly prepare: () => { store: AccordStore; feed: Feed },
    private readonly timed: (feed: Feed) => Timing,
    private readonly check: (store: AccordStore) => void,
  ) {}

  async run(): Promise<Timing> {
    const { store, feed } = this.prepare();
    await settle();
    const timing = this.timed(feed);
    this.check(store);
    if (this.warm === null) this.warm = store;
    else await store.close();
    return timing;
  }

  async closeWarm(): Promise<void> {
    await this.warm?.close();
    this.warm = null;
  }
}
