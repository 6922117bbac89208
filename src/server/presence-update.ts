import type { StoredPresence } from './contracts.js';

// Shared by the gateway (op 8, connect and disconnect) and the data side (REST presence changes),
// so it lives beside contracts.ts rather than in either of them.

/** `presence.update` data: `invisible` goes out as `offline` (docs/protocol.md §3.5, §4.9). */
export function presenceUpdateData(userId: string, presence: StoredPresence | null): Record<string, unknown> {
  if (presence === null || presence.status === 'invisible') {
    return { user_id: userId, status: 'offline', client_status: {}, activities: presence?.activities ?? [] };
  }
  return {
    user_id: userId,
    status: presence.status,
    client_status: { desktop: presence.status },
    activities: presence.activities,
  };
}
