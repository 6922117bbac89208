import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

/** Timers and other handles alive in the process: what a leak would leave behind. */
export interface ResourceCounts {
  timers: number;
  handles: number;
}

export function resourceCounts(): ResourceCounts {
  const resources = process.getActiveResourcesInfo();
  const timers = resources.filter((name) => name === 'Timeout').length;
  return { timers, handles: resources.length - timers };
}

/** `gc()` without --expose-gc on the command line (heap samples should follow a collection). */
export function exposeGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose_gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => (gc as () => void)() : null;
  } catch {
    return null;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
