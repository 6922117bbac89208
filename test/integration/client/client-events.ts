import type { AccordClient, AccordClientEvents } from '../../../src/index.js';
import type { Clock } from '../../../src/util/clock.js';

type EventName = keyof AccordClientEvents;

/**
 * Resolves with the arguments of the first `event` that satisfies `match`; rejects after
 * `timeoutMs` naming the event, so a missing event fails the test instead of hanging it.
 */
export function nextEvent<E extends EventName>(
  client: AccordClient,
  event: E,
  match: (...args: AccordClientEvents[E]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<AccordClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: AccordClientEvents[E]): void => {
      if (!match(...args)) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no '${String(event)}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(event, listener);
  });
}

/** Every emission of `event`, in order, from now on. */
export function record<E extends EventName>(client: AccordClient, event: E): AccordClientEvents[E][] {
  const seen: AccordClientEvents[E][] = [];
  client.on(event, (...args: AccordClientEvents[E]) => {
    seen.push(args);
  });
  return seen;
}

/**
 * Real time, but every delay divided by `factor`: backoff (1–2 s) and the INVALID_SESSION pause
 * (1–5 s) pass quickly. Not for pacing tests, whose budget is measured on `now()`.
 */
export function fastClock(factor = 10): Clock {
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms / factor),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}
