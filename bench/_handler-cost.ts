/**
 * Diagnostic (not part of `npm run bench`): what each event type's store handler costs where it
 * runs, inside issue 15's small mix after the 100k messages. One side per type whose store does
 * not listen to that type (the gateway still parses and checks it; the store neither applies it
 * nor keeps what it would have kept), beside the full store, all against the JSON.parse floor in
 * interleaved rounds. A type's cost is the full store's ratio minus its side's: its handler, its
 * cold-cache misses and the memory traffic it adds to the rest, which timing a handler alone misses.
 *
 *   node --expose-gc --import tsx bench/_handler-cost.ts [cap] [rounds]
 */
import type { AccordStore } from '../src/state/index.js';
import { sideBySide } from './side-by-side.js';
import { MIX_READY_SHAPE } from './small-mix.js';
import { MIX_SHARES, preloadFrames, smallMixFrames } from './small-mix-fixtures.js';
import { StoreSide, connectedStore, timeFeed, timeParse } from './store-harness.js';
import { frame, readyData } from './store-fixtures.js';

const cap = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 9);
const ready = frame('ready', 1, readyData(MIX_READY_SHAPE));
const preload = preloadFrames();
const frames = smallMixFrames().frames;

/** The store's listener for `type` on its connection's client, removed. */
function deafTo(store: AccordStore, type: string): void {
  const client = store.connections[0]?.client as unknown as { removeAllListeners(event: string): void } | undefined;
  if (!client) throw new Error('no connection');
  client.removeAllListeners(type);
}

const FULL = 'full store';
const names = [FULL, ...MIX_SHARES.map(([type]) => type)];
const sides = names.map(
  (name) =>
    new StoreSide(
      name,
      () => {
        const connected = connectedStore(ready, cap);
        if (name !== FULL) deafTo(connected.store, name);
        for (const data of preload) connected.feed({ data });
        return connected;
      },
      (feed) => timeFeed(feed, frames),
      () => {},
    ),
);
const result = await sideBySide(() => timeParse(frames), sides, rounds);
for (const side of sides) await side.closeWarm();
const full = result.sides[0];
if (!full) throw new Error('no full side');
console.log(`cap ${cap}: the full store ${full.ratio}x the JSON.parse floor (CPU ${full.cpuRatio}x)`);
for (const side of result.sides.slice(1)) {
  const cost = Math.round((full.ratio - side.ratio) * 1000) / 1000;
  const cpuCost = Math.round((full.cpuRatio - side.cpuRatio) * 1000) / 1000;
  console.log(`${side.name.padEnd(16)} costs ${cost} floor units (CPU ${cpuCost}); without it ${side.ratio}x`);
}
process.exit(0);
