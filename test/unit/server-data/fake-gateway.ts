import type { BusEvent, GatewayControl } from '../../../src/server/contracts.js';

/** A GatewayControl that records every publish. */
export function recordingGateway(): GatewayControl & { events: BusEvent[]; ended: string[] } {
  const events: BusEvent[] = [];
  const ended: string[] = [];
  return {
    events,
    ended,
    bus: { publish: (event) => events.push(event) },
    live: { presences: new Map(), voiceStates: new Map() },
    isConnected: () => false,
    endSessionsForToken: (hash) => ended.push(hash),
  };
}
