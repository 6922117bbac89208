/** Time source injected everywhere timers run, so tests can advance time by hand. */
export type TimerHandle = { readonly __timer: unique symbol } | number | object;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = globalThis.setTimeout(callback, ms);
    // Node: never keep the process alive for a heartbeat or a typing timer alone.
    (handle as { unref?: () => void }).unref?.();
    return handle as TimerHandle;
  },
  clearTimeout: (handle) => {
    if (handle !== undefined) globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]);
  },
};

/** A source of randomness in [0, 1), injectable for reproducible backoff and jitter. */
export type RandomSource = () => number;
