import type { Presence } from '../../models/index.js';
import { RelationshipType } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';
import { setUserStatus } from './users.js';

/**
 * Keeps the parsed presence itself (no copy) as the user's latest, its status already the shown
 * one. Returns whether its activities or client_status differ from the previous one (the status
 * is compared by setUserStatus); the common copy that changes nothing allocates nothing.
 */
export function storePresence(cache: ConnectionCache, presence: Presence): boolean {
  const previous = cache.presences.get(presence.user_id);
  cache.presences.set(presence.user_id, presence);
  if (previous === undefined) return presence.activities.length > 0 || hasKeys(presence.client_status);
  return !sameClientStatus(previous.client_status, presence.client_status) || !sameActivities(previous.activities, presence.activities);
}

function hasKeys(record: Record<string, unknown>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

function sameClientStatus(a: Record<string, string | null>, b: Record<string, string | null>): boolean {
  let count = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key)) continue;
    if (a[key] !== b[key]) return false;
    count++;
  }
  for (const key in b) if (Object.hasOwn(b, key)) count--;
  return count === 0;
}

function sameActivities(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  // Activities are rare and small (the server caps them): only then is there anything to compare.
  return a.length === 0 || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Forgets the presence of each of `userIds` (the members of a space this connection just lost)
 * that it no longer shares a space with and is not friends with: their updates stop arriving, and
 * a re-join brings only the co-members online then, so a kept status could only go stale. Returns
 * the users whose shown status or presence changed.
 */
export function forgetUnobservedPresences(cache: ConnectionCache, userIds: Iterable<string>, selfId: string): string[] {
  const changed: string[] = [];
  for (const userId of userIds) {
    if (userId === selfId || cache.sharesSpaceWith(userId) || cache.relationships.get(userId)?.type === RelationshipType.FRIEND) continue;
    const hadPresence = cache.presences.delete(userId);
    if (setUserStatus(cache, userId, 'offline') || hadPresence) changed.push(userId);
  }
  return changed;
}
