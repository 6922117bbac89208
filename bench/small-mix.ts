/**
 * Issue 15's small-event mix (bench/small-mix-fixtures.ts) through the real pipeline, at message
 * cap 200 and cap 50, beside the bare JSON.parse of the same 50,000 frames: one process, interleaved
 * rounds, medians of per-round ratios (bench/side-by-side.ts), in PROCESSES fresh processes whose
 * median is the figure (bench/fresh-processes.ts). Every timed store first gets READY and the
 * 100,000 messages (untimed, their garbage collected), as a client that has been running a while.
 * The fairness rules are those at the top of bench/store-pipeline.ts. Prints ratios; asserts nothing.
 */
import { pathToFileURL } from 'node:url';
import type { AccordStore } from '../src/state/index.js';
import { childTarget, inFreshProcesses, reportToParent } from './fresh-processes.js';
import { median, round3 } from './measure.js';
import { sideBySide } from './side-by-side.js';
import {
  MIX_CHANNELS,
  MIX_MEMBERS,
  expectedMisses,
  preloadFrames,
  smallMixFrames,
  type ExpectedMisses,
  type SmallMix,
} from './small-mix-fixtures.js';
import { StoreSide, connectedStore, timeFeed, timeParse } from './store-harness.js';
import { CHANNEL_BASE, SPACE_BASE, frame, readyData, sid, type ReadyShape } from './store-fixtures.js';
import type { RatioRow } from './summary.js';

export const MIX_READY_SHAPE: ReadyShape = { spaces: 1, channelsPerSpace: MIX_CHANNELS, users: MIX_MEMBERS + 1, membersPerSpace: MIX_MEMBERS + 1 };
const CAPS = [200, 50] as const;
const ROUNDS = 7;
const PROCESSES = 3;
const GOAL = 1.5;

/** The state after the mix must be what the mix says: the deletes that hit, and nothing else, gone. */
function checkAfterMix(store: AccordStore, mix: SmallMix, expected: ExpectedMisses): void {
  let cached = 0;
  for (let c = 0; c < MIX_CHANNELS; c++) cached += store.messages(sid(CHANNEL_BASE + c)).length;
  const deletesHit = mix.counts['message.delete'] - expected.byType['message.delete'];
  if (cached !== expected.cachedAtStart - deletesHit) {
    throw new Error(`cap ${expected.cap}: ${cached} messages cached after the mix, expected ${expected.cachedAtStart - deletesHit}`);
  }
  if (store.members(sid(SPACE_BASE)).length !== MIX_MEMBERS + 1) throw new Error('members changed size');
}

export interface SmallMixMeasure {
  frames: number;
  avgFrameBytes: number;
  counts: SmallMix['counts'];
  oldTargets: number;
  repeatedPresences: number;
  repeatedMembers: number;
  expected: ExpectedMisses[];
  jsonParseMs: number;
  jsonParseCpuMs: number;
  sides: { cap: number; ms: number; ratio: number; cpuRatio: number; bestRatio: number; ratios: number[] }[];
}

/** One process: the floor and both caps, interleaved. */
export async function measureSmallMix(): Promise<SmallMixMeasure> {
  const ready = frame('ready', 1, readyData(MIX_READY_SHAPE));
  const preload = preloadFrames();
  const mix = smallMixFrames();
  const frames = mix.frames;
  const expected = CAPS.map((cap) => expectedMisses(mix, cap));
  const sides = CAPS.map(
    (cap, at) =>
      new StoreSide(
        `cap ${cap}`,
        () => {
          const connected = connectedStore(ready, cap);
          for (const data of preload) connected.feed({ data });
          return connected;
        },
        (feed) => timeFeed(feed, frames),
        (store) => checkAfterMix(store, mix, expected[at] as ExpectedMisses),
      ),
  );
  const measured = await sideBySide(() => timeParse(frames), sides, ROUNDS);
  for (const side of sides) await side.closeWarm();
  const result: SmallMixMeasure = {
    frames: frames.length,
    avgFrameBytes: Math.round(frames.reduce((sum, f) => sum + f.length, 0) / frames.length),
    counts: mix.counts,
    oldTargets: mix.oldTargets,
    repeatedPresences: mix.repeatedPresences,
    repeatedMembers: mix.repeatedMembers,
    expected,
    jsonParseMs: measured.floorMs,
    jsonParseCpuMs: measured.floorCpuMs,
    sides: measured.sides.map((side, at) => ({ cap: CAPS[at] as number, ms: side.ms, ratio: side.ratio, cpuRatio: side.cpuRatio, bestRatio: side.bestRatio, ratios: side.ratios })),
  };
  for (const side of result.sides) {
    console.log(`small mix, cap ${side.cap}: ${side.ratio}x bare JSON.parse, CPU ${side.cpuRatio}x (per-round ${side.ratios.join(', ')}; ${side.ms} vs ${result.jsonParseMs} ms)`);
  }
  return result;
}

export async function benchSmallMix() {
  const runs = await inFreshProcesses<SmallMixMeasure>(import.meta.url, 'measureSmallMix', PROCESSES);
  const first = runs[0];
  if (!first) throw new Error('no small-mix run');
  const perCap = CAPS.map((cap) => {
    const own = runs.map((run) => run.sides.find((side) => side.cap === cap));
    const ratios = own.map((side) => side?.ratio ?? Number.NaN);
    return {
      cap,
      ratio: median(ratios),
      cpuRatio: median(own.map((side) => side?.cpuRatio ?? Number.NaN)),
      ratios,
      bestRatio: round3(Math.min(...own.map((side) => side?.bestRatio ?? Number.NaN))),
    };
  });
  const result = {
    name: 'store pipeline: small-event mix',
    frames: first.frames,
    avgFrameBytes: first.avgFrameBytes,
    counts: first.counts,
    oldTargets: first.oldTargets,
    repeatedPresences: first.repeatedPresences,
    repeatedMembers: first.repeatedMembers,
    expectedMisses: first.expected,
    jsonParseMs: median(runs.map((run) => run.jsonParseMs)),
    perCap,
    summary: perCap.map(
      (side): RatioRow => ({
        name: `small-event mix, cap ${side.cap}`,
        ratio: side.ratio,
        cpuRatio: side.cpuRatio,
        goal: GOAL,
        against: 'JSON.parse of the same 50k frames',
      }),
    ),
  };
  for (const side of perCap) {
    console.log(`small mix, cap ${side.cap}: ${side.ratio}x bare JSON.parse (CPU ${side.cpuRatio}x), median of ${runs.length} processes (${side.ratios.join(', ')}); target <= ${GOAL}x`);
  }
  return result;
}

const child = childTarget(import.meta.url);
if (child === 'measureSmallMix') reportToParent(await measureSmallMix());
else if (child === null && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await measureSmallMix(), null, 2));
}
