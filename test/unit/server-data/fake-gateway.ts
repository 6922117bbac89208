import type { BusEvent, GatewayControl } from '../../../src/server/contracts.js';
import { presenceUpdateData } from '../../../src/server/presence-update.js';

/** A GatewayControl that records every publish (stored presences are published like the gateway does). */
export function recordingGateway(): GatewayControl & { events: BusEvent[]; ended: string[] } {
  const events: BusEvent[] = [];
  const ended: string[] = [];
  const live: GatewayControl['live'] = { presences: new Map(), voiceStates: new Map() };
  return {
    events,
    ended,
    bus: { publish: (event) => events.push(event) },
    live,
    isConnected: () => false,
    endSessionsForToken: (hash) => ended.push(hash),
    publishPresence: (userId, spaceId) => {
      const presence = live.presences.get(userId);
      if (presence) events.push({ type: 'presence.update', data: presenceUpdateData(userId, presence), spaceId });
    },
  };
}
