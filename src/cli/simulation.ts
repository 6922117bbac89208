import type { AccordServer } from '../server/index.js';

/** A running traffic simulator; `stop()` ends it. */
export interface Traffic {
  stop(): void | Promise<void>;
}

/** Starts the embedded server's traffic simulator at `rate` events per second. */
export async function startTraffic(_server: AccordServer, _rate: number): Promise<Traffic | null> {
  // Wired to src/server/simulator once it lands.
  return null;
}
