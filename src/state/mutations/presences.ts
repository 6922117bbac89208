import type { Presence } from '../../models/index.js';
import { RelationshipType } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';
import { setUserStatus } from './users.js';

/**
 * Keeps the user's latest presence, its status already the shown one. Returns whether its
 * activities or client_status differ from the previous one (the status is compared by
 * setUserStatus).
 *
 * A copy that changes nothing (the server sends one per shared space, docs/protocol.md §2.4) keeps
 * the cached presence and the frame's objects die young. A change keeps the parsed presence, its
 * unchanged parts (user id, client_status, activities) pointed at the cached ones: only what
 * changed is retained next to the cache (issue 15: memory traffic per event).
 */
export function storePresence(cache: ConnectionCache, presence: Presence): boolean {
  const presences = cache.presences;
  const previous = presences.get(presence.user_id);
  if (previous === undefined) {
    presences.set(presence.user_id, presence);
    return presence.activities.length > 0 || hasKeys(presence.client_status);
  }
  const sameClient = sameClientStatus(previous.client_status, presence.client_status);
  const sameActivities = sameActivityList(previous.activities, presence.activities);
  if (sameClient && sameActivities && previous.status === presence.status) return false;
  presence.user_id = previous.user_id;
  if (sameClient) presence.client_status = previous.client_status;
  if (sameActivities) presence.activities = previous.activities;
  presences.set(presence.user_id, presence);
  return !sameClient || !sameActivities;
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

function sameActivityList(a: readonly unknown[], b: readonly unknown[]): boolean {
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
