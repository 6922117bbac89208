import { systemClock } from '../util/clock.js';
import type { Clock } from '../util/clock.js';

/**
 * The system clock with long waits shortened: every timer of `thresholdMs` or more runs `factor`
 * times sooner. Reconnect backoff (1–32 s) and the INVALID_SESSION pause (1–5 s) then fit a soak
 * of hundreds of faults, while heartbeats (set short by the server) keep their real cadence.
 */
export function scaledClock(factor: number, thresholdMs = 1000, base: Clock = systemClock): Clock {
  if (!(factor >= 1)) throw new RangeError('factor must be >= 1');
  return {
    now: () => base.now(),
    setTimeout: (callback, ms) => base.setTimeout(callback, ms >= thresholdMs ? ms / factor : ms),
    clearTimeout: (handle) => base.clearTimeout(handle),
  };
}
