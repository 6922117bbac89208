/**
 * Diagnostic (not part of `npm run bench`): issue 15's small mix through each layer beside its
 * JSON.parse floor: the GatewaySocket with no-op listeners, the AccordClient on top, the store
 * with empty caches, and the store after the 100k messages (what bench/small-mix.ts times).
 *
 *   [NOMSG=1] node --expose-gc --import tsx bench/_ablation.ts [cap]
 *
 * NOMSG=1 keeps only the events that touch no message (presence, typing, member updates).
 */
import { GatewaySocket } from '../src/gateway/index.js';
import { AccordClient } from '../src/client/index.js';
import { FakeClock } from '../src/util/fake-clock.js';
import { sideBySide, type Side } from './side-by-side.js';
import { MIX_READY_SHAPE } from './small-mix.js';
import { MIX_SHARES, preloadFrames, smallMixFrames } from './small-mix-fixtures.js';
import { StoreSide, connectedStore, timeFeed, timeParse, type Feed } from './store-harness.js';
import { BenchSocket, HELLO, frame, readyData } from './store-fixtures.js';
import { startTiming } from './measure.js';

const cap = Number(process.argv[2] ?? 200);
const ready = frame('ready', 1, readyData(MIX_READY_SHAPE));
const preload = preloadFrames();
const mix = smallMixFrames();
const frames = process.env['NOMSG'] === '1' ? mix.frames.filter((f) => !/"type":"(message\.|reaction\.)/.test(f)) : mix.frames;
for (const f of frames) JSON.parse(f);

type Listen = (type: string, listener: () => void) => void;

/** Counts every mix event through `listen`, connects, delivers HELLO and READY: the socket's feed. */
function countingFeed(listen: Listen, connect: () => Promise<unknown>): Feed {
  let n = 0;
  for (const [type] of MIX_SHARES) listen(type, () => { n++; });
  void connect();
  const handler = BenchSocket.last?.onmessage;
  if (!handler) throw new Error('bench socket not attached');
  handler({ data: HELLO });
  handler({ data: ready });
  return (event) => {
    handler(event);
    if (n < 0) throw new Error('unreachable');
  };
}

function gatewayFeed(): Feed {
  const gateway = new GatewaySocket({ token: 'bench', gatewayUrl: 'ws://bench/ws', WebSocket: BenchSocket, clock: new FakeClock(), random: () => 0.5 });
  return countingFeed((type, listener) => (gateway as unknown as { on: Listen }).on(type, listener), () => gateway.connect());
}

function clientFeed(): Feed {
  const client = new AccordClient({ token: 'bench', baseUrl: 'http://127.0.0.1:9', gatewayUrl: 'ws://bench/ws', WebSocket: BenchSocket, clock: new FakeClock() });
  return countingFeed((type, listener) => (client as unknown as { on: Listen }).on(type, listener), () => client.gateway.connect());
}

const simple = (name: string, make: () => Feed): Side => ({
  name,
  async run() {
    const feed = make();
    const stop = startTiming();
    for (const data of frames) feed({ data });
    return stop();
  },
});
const sides: Side[] = [
  simple('gateway', gatewayFeed),
  simple('client', clientFeed),
  new StoreSide(`store no preload`, () => connectedStore(ready, cap), (feed) => timeFeed(feed, frames), () => {}),
  new StoreSide(`store cap ${cap}`, () => { const c = connectedStore(ready, cap); for (const data of preload) c.feed({ data }); return c; }, (feed) => timeFeed(feed, frames), () => {}),
];
const result = await sideBySide(() => timeParse(frames), sides, 7);
for (const s of result.sides) console.log(`${s.name.padEnd(14)} ratio ${s.ratio} cpu ${s.cpuRatio} (${s.ratios.join(' ')})`);
console.log(`floor ${result.floorMs} ms`);
process.exit(0);
