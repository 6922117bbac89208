/** What every bench shares: a collected heap between sides, the median, and printed rounding. */
import v8 from 'node:v8';
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** How long settle() leaves V8's helper threads to sweep what the collection freed. */
const SWEEP_MS = 100;

/**
 * Lets queued promise reactions run (so nothing from the last round stays reachable), then
 * collects: each side of a comparison starts from the same heap. Then waits SWEEP_MS: the
 * collection leaves the sweeping of what it freed to helper threads, and after a store of 100k
 * messages that sweeping competed with the next timed span for the (two, shared) cores and added
 * to its process CPU time (seen in bench/_profile-small-mix.ts: the first 10k events of a mix
 * cost about twice as much without the wait).
 */
export async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  gc();
  await new Promise<void>((resolve) => setTimeout(resolve, SWEEP_MS));
}

/** A collection with nothing to wait for (between synchronous steps). */
export function collect(): void {
  gc();
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;
export const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** Wall time and this process's CPU time (all threads, so GC helpers count) of one timed span. */
export interface Timing {
  ms: number;
  cpuMs: number;
}

/**
 * Starts a span; the returned function ends it. CPU time is the steadier figure on a shared
 * machine: wall time also counts the slices another process ran in, CPU time only our own work.
 */
export function startTiming(): () => Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  return () => {
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000 };
  };
}
