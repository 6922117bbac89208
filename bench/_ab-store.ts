/**
 * Paired A/B of two copies of the state engine in one process (not part of `npm run bench`): the
 * baseline's src/ (say `git archive <commit> src tsconfig.json package.json | tar -x -C /tmp/ab/base`,
 * with node_modules reachable from there) against this tree's, in interleaved rounds with the JSON.parse floor.
 * Each round times the floor, then A and B (order alternating); the figure is the median of the
 * per-round B/A ratios (wall and process CPU), the steadiest comparison on a shared machine.
 *
 *   AB_BASE=/tmp/ab/base [AB_B=/tmp/ab/variant] node --expose-gc --import tsx bench/_ab-store.ts [workload...] [rounds=N]
 *
 * Workloads: mix200 mix50 create50 create200 storemix.
 */
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AccordStore } from '../src/state/index.js';
import { FakeClock } from '../src/util/fake-clock.js';
import { median, round3, settle, type Timing } from './measure.js';
import { MIX_READY_SHAPE } from './small-mix.js';
import { preloadFrames, smallMixFrames } from './small-mix-fixtures.js';
import { mixFrames } from './store-pipeline.js';
import { timeFeed, timeParse, type Feed } from './store-harness.js';
import { BenchSocket, HELLO, frame, messageData, readyData } from './store-fixtures.js';

type StoreCtor = new (options: ConstructorParameters<typeof AccordStore>[0]) => AccordStore;

const base = process.env.AB_BASE;
if (!base) throw new Error('AB_BASE=<dir holding the baseline src/> is required');
// Without the project's tsconfig.json beside it, tsx compiles the baseline with other settings
// (class fields among them), and that alone made identical code 7% slower than this tree's.
if (!existsSync(join(base, 'tsconfig.json'))) throw new Error(`${base}/tsconfig.json is missing: copy the project's (see the top of this file)`);
const A = (await import(pathToFileURL(join(base, 'src/state/index.js')).href)) as { AccordStore: StoreCtor };
// AB_B=<dir>: another copy as B (two variants, neither of them this tree); default this tree.
const other = process.env.AB_B;
if (other && !existsSync(join(other, 'tsconfig.json'))) throw new Error(`${other}/tsconfig.json is missing`);
const B = (await import(other ? pathToFileURL(join(other, 'src/state/index.js')).href : '../src/state/index.js')) as unknown as { AccordStore: StoreCtor };

const args = process.argv.slice(2);
const roundsArg = args.find((a) => a.startsWith('rounds='));
const ROUNDS = roundsArg ? Number(roundsArg.slice(7)) : 9;
const wanted = args.filter((a) => !a.startsWith('rounds='));

const PIPELINE_SHAPE = { spaces: 1, channelsPerSpace: 50, users: 501, membersPerSpace: 501 };

interface Workload {
  name: string;
  cap: number;
  ready: string;
  preload: readonly string[];
  frames: readonly string[];
}

function workloads(): Workload[] {
  const out: Workload[] = [];
  const want = (name: string): boolean => wanted.length === 0 || wanted.includes(name);
  if (want('mix200') || want('mix50')) {
    const ready = frame('ready', 1, readyData(MIX_READY_SHAPE));
    const preload = preloadFrames();
    const frames = smallMixFrames().frames;
    if (want('mix200')) out.push({ name: 'mix200', cap: 200, ready, preload, frames });
    if (want('mix50')) out.push({ name: 'mix50', cap: 50, ready, preload, frames });
  }
  const ready = frame('ready', 1, readyData(PIPELINE_SHAPE));
  if (want('create50') || want('create200')) {
    const frames = Array.from({ length: 100_000 }, (_, i) => frame('message.create', i + 2, messageData(i, { channels: 50, authors: 500 })));
    if (want('create50')) out.push({ name: 'create50', cap: 50, ready, preload: [], frames });
    if (want('create200')) out.push({ name: 'create200', cap: 200, ready, preload: [], frames });
  }
  if (want('storemix')) out.push({ name: 'storemix', cap: 50, ready, preload: [], frames: mixFrames() });
  return out;
}

function connect(Store: StoreCtor, work: Workload): { store: AccordStore; feed: Feed } {
  const store = new Store({ clock: new FakeClock(), messageCap: work.cap });
  store.addServer({ baseUrl: 'http://127.0.0.1:9', gatewayUrl: 'ws://bench/ws', token: 'bench', WebSocket: BenchSocket });
  const feed = BenchSocket.last?.onmessage;
  if (!feed) throw new Error('bench socket not attached');
  feed({ data: HELLO });
  feed({ data: work.ready });
  for (const data of work.preload) feed({ data });
  return { store, feed };
}

/** A side keeps its first store open (as an application's store lives on), closes the others. */
function side(Store: StoreCtor, work: Workload): { run: () => Promise<Timing>; close: () => Promise<void> } {
  let warm: AccordStore | null = null;
  return {
    async run() {
      const { store, feed } = connect(Store, work);
      await settle();
      const timing = timeFeed(feed, work.frames);
      if (warm === null) warm = store;
      else await store.close();
      return timing;
    },
    async close() {
      await warm?.close();
    },
  };
}

for (const work of workloads()) {
  const a = side(A.AccordStore, work);
  const b = side(B.AccordStore, work);
  await a.run();
  await b.run();
  const wall: number[] = [];
  const cpu: number[] = [];
  const aFloor: number[] = [];
  const bFloor: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await settle();
    const floor = timeParse(work.frames);
    let ta: Timing;
    let tb: Timing;
    if (round % 2 === 0) {
      ta = await a.run();
      tb = await b.run();
    } else {
      tb = await b.run();
      ta = await a.run();
    }
    wall.push(round3(tb.ms / ta.ms));
    cpu.push(round3(tb.cpuMs / ta.cpuMs));
    aFloor.push(round3(ta.cpuMs / floor.cpuMs));
    bFloor.push(round3(tb.cpuMs / floor.cpuMs));
  }
  await a.close();
  await b.close();
  console.log(
    `${work.name}: B/A wall ${median(wall)} cpu ${median(cpu)} | vs floor (cpu) A ${median(aFloor)} B ${median(bFloor)} | per-round wall ${wall.join(' ')}`,
  );
}
