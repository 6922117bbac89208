import type { StoredPresence } from '../contracts.js';
import type { RequestedPresence } from './inbound.js';

/** Requested value, else the stored one, else online / [] — status and activities independently. */
export function resolvePresence(requested: RequestedPresence, stored: StoredPresence | undefined): StoredPresence {
  return {
    status: requested.status ?? stored?.status ?? 'online',
    activities: requested.activities ?? stored?.activities ?? [],
  };
}

/** READY `presences` element: the raw stored status, `invisible` included (QUIRK, §4.9). */
export function readyPresence(userId: string, presence: StoredPresence): Record<string, unknown> {
  return {
    user_id: userId,
    status: presence.status,
    client_status: { desktop: presence.status, mobile: null, web: null },
    activities: presence.activities,
    space_id: null,
  };
}
