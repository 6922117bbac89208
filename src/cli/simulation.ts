import type { AccordServer } from '../server/index.js';
import { startSimulator } from '../server/simulator/index.js';

/** A running traffic simulator; `stop()` ends it. */
export interface Traffic {
  stop(): void;
}

/** Starts the embedded server's traffic simulator: seeded users acting at `rate` events per second. */
export function startTraffic(server: AccordServer, rate: number): Traffic {
  return startSimulator({ data: server.data, gateway: server.control, rate, spareConnectedUsers: true });
}
