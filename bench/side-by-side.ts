/**
 * Several sides measured against one floor in the same process, in interleaved rounds: each round
 * times the floor, then every side (in an order that rotates from round to round, so no side is
 * always the one after the floor). Each side's figure is the median of its per-round ratios to
 * that round's floor: a busy machine slows a whole round, and the ratio inside a round cancels it.
 *
 * Both wall time (the goal's measure) and process CPU time are taken; on a machine shared with
 * other work the CPU ratio is the steadier one (it does not count slices other processes ran in).
 *
 * A side times only its own work and does its own setup and teardown around the clock (see the
 * fairness rules at the top of store-pipeline.ts); the harness collects the heap before each timing.
 */
import { median, round1, round3, settle, type Timing } from './measure.js';

export interface Side {
  readonly name: string;
  /** One timed run. */
  run(): Promise<Timing>;
}

export interface SideResult {
  name: string;
  /** Median wall milliseconds over the rounds. */
  ms: number;
  /** Median of the per-round wall-time ratios to the floor. */
  ratio: number;
  /** Median of the per-round CPU-time ratios to the floor. */
  cpuRatio: number;
  /** Best round of this side against the best floor round: less sensitive to a busy machine. */
  bestRatio: number;
  ratios: number[];
}

export interface SideBySideResult {
  rounds: number;
  floorMs: number;
  floorCpuMs: number;
  sides: SideResult[];
}

/** Warms every side once (unmeasured), then `rounds` interleaved rounds. */
export async function sideBySide(floor: () => Timing, sides: readonly Side[], rounds: number): Promise<SideBySideResult> {
  floor();
  for (const side of sides) await side.run();
  const floorTimes: Timing[] = [];
  const times = sides.map(() => [] as Timing[]);
  for (let round = 0; round < rounds; round++) {
    await settle();
    floorTimes.push(floor());
    for (let k = 0; k < sides.length; k++) {
      const at = (k + round) % sides.length;
      const side = sides[at] as Side;
      await settle();
      (times[at] as Timing[]).push(await side.run());
    }
  }
  const bestFloor = Math.min(...floorTimes.map((t) => t.ms));
  return {
    rounds,
    floorMs: round1(median(floorTimes.map((t) => t.ms))),
    floorCpuMs: round1(median(floorTimes.map((t) => t.cpuMs))),
    sides: sides.map((side, at) => {
      const own = times[at] as Timing[];
      const floorOf = (round: number): Timing => floorTimes[round] as Timing;
      const ratios = own.map((t, round) => round3(t.ms / floorOf(round).ms));
      const cpuRatios = own.map((t, round) => t.cpuMs / Math.max(floorOf(round).cpuMs, 0.001));
      return {
        name: side.name,
        ms: round1(median(own.map((t) => t.ms))),
        ratio: median(ratios),
        cpuRatio: round3(median(cpuRatios)),
        bestRatio: round3(Math.min(...own.map((t) => t.ms)) / bestFloor),
        ratios,
      };
    }),
  };
}
