/**
 * Diagnostic (not part of `npm run bench`): where issue 15's small mix spends its time by event
 * type. Every frame is timed alone (hrtime around one feed, then around one JSON.parse of the same
 * frame, so the timer's own cost cancels out in the excess), in a store after the 100k messages,
 * skipping each run's first 10k events; the store's excess over the parse is summed per type.
 *
 *   node --expose-gc --import tsx bench/_attrib.ts [cap]
 */
import { settle } from './measure.js';
import { MIX_READY_SHAPE } from './small-mix.js';
import { preloadFrames, smallMixFrames } from './small-mix-fixtures.js';
import { connectedStore } from './store-harness.js';
import { frame, readyData } from './store-fixtures.js';

const cap = Number(process.argv[2] ?? 200);
const ready = frame('ready', 1, readyData(MIX_READY_SHAPE));
const preload = preloadFrames();
const mix = smallMixFrames();
const types = mix.frames.map((f) => /"type":"([^"]+)"/.exec(f)?.[1] ?? '?');
for (const f of mix.frames) JSON.parse(f);
const now = process.hrtime.bigint;
const acc = new Map<string, { feed: number; parse: number; n: number }>();
let keep: unknown = null;
for (let round = 0; round < 5; round++) {
  const { store, feed } = connectedStore(ready, cap);
  for (const data of preload) feed({ data });
  await settle();
  const feedNs = new Float64Array(mix.frames.length);
  for (let i = 0; i < mix.frames.length; i++) {
    const t0 = now();
    feed({ data: mix.frames[i] as string });
    feedNs[i] = Number(now() - t0);
  }
  await settle();
  const parseNs = new Float64Array(mix.frames.length);
  let s = 0;
  for (let i = 0; i < mix.frames.length; i++) {
    const t0 = now();
    s += (JSON.parse(mix.frames[i] as string) as { seq: number }).seq;
    parseNs[i] = Number(now() - t0);
  }
  if (s === 0) throw new Error('unreachable');
  if (round >= 2) {
    for (let i = 10_000; i < mix.frames.length; i++) {
      const t = types[i] as string;
      const a = acc.get(t) ?? { feed: 0, parse: 0, n: 0 };
      a.feed += feedNs[i] as number;
      a.parse += parseNs[i] as number;
      a.n++;
      acc.set(t, a);
    }
  }
  if (keep === null) keep = store; else await store.close();
}
let tf = 0, tp = 0, n = 0;
for (const [, a] of acc) { tf += a.feed; tp += a.parse; n += a.n; }
console.log(`all (incl ~timer overhead): feed ${(tf / n).toFixed(0)} ns, parse ${(tp / n).toFixed(0)} ns, excess ${((tf - tp) / n).toFixed(0)} ns/event`);
for (const [t, a] of [...acc].sort((x, y) => (y[1].feed - y[1].parse) - (x[1].feed - x[1].parse))) {
  console.log(`${t.padEnd(16)} feed ${(a.feed / a.n).toFixed(0).padStart(5)} parse ${(a.parse / a.n).toFixed(0).padStart(5)} excess ${((a.feed - a.parse) / a.n).toFixed(0).padStart(5)} ns; share of excess ${(((a.feed - a.parse) / (tf - tp)) * 100).toFixed(1)}%`);
}
process.exit(0);
