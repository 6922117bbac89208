/** Diagnostic: the small mix through layers: JSON.parse, GatewaySocket (no-op listeners), AccordClient, full store. */
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
const frames = mix.frames;
for (const f of frames) JSON.parse(f);

function gatewayFeed(): Feed {
  const gateway = new GatewaySocket({ token: 'bench', gatewayUrl: 'ws://bench/ws', WebSocket: BenchSocket, clock: new FakeClock(), random: () => 0.5 });
  let n = 0;
  for (const [type] of MIX_SHARES) gateway.on(type, () => { n++; });
  void gateway.connect();
  const handler = BenchSocket.last?.onmessage;
  if (!handler) throw new Error('x');
  handler({ data: HELLO });
  handler({ data: ready });
  return (event) => {
    handler(event);
    if (n < 0) throw new Error('unreachable');
  };
}
function clientFeed(): Feed {
  const client = new AccordClient({ token: 'bench', baseUrl: 'http://127.0.0.1:9', gatewayUrl: 'ws://bench/ws', WebSocket: BenchSocket, clock: new FakeClock() } as never);
  let n = 0;
  for (const [type] of MIX_SHARES) (client as unknown as { on: (t: string, f: () => void) => void }).on(type, () => { n++; });
  void (client as unknown as { gateway: { connect: () => Promise<unknown> } }).gateway.connect();
  const handler = BenchSocket.last?.onmessage;
  if (!handler) throw new Error('x');
  handler({ data: HELLO });
  handler({ data: ready });
  return (event) => {
    handler(event);
    if (n < 0) throw new Error('unreachable');
  };
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
