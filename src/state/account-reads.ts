import type { Presence, Relationship } from '../models/index.js';
import type { ServerConnection } from './connection.js';
import type { StoreUser } from './types.js';

/**
 * Reads answered by whichever account knows best. Of several accounts that know a user, one that
 * shares a space with them is asked first: its view is live, while an account that no longer
 * shares one keeps what it last heard. (Written out per map: user() is read per rendered message,
 * so no closure per call.)
 */
export function userOf(live: readonly ServerConnection[], userId: string): StoreUser | undefined {
  if (live.length === 1) return live[0]?.cache.users.get(userId);
  let found: StoreUser | undefined;
  for (const conn of live) {
    const user = conn.cache.users.get(userId);
    if (user === undefined) continue;
    if (conn.cache.sharesSpaceWith(userId)) return user;
    found ??= user;
  }
  return found;
}

export function presenceOf(live: readonly ServerConnection[], userId: string): Presence | undefined {
  if (live.length === 1) return live[0]?.cache.presences.get(userId);
  let found: Presence | undefined;
  for (const conn of live) {
    const presence = conn.cache.presences.get(userId);
    if (presence === undefined) continue;
    if (conn.cache.sharesSpaceWith(userId)) return presence;
    found ??= presence;
  }
  return found;
}

/** One connection's relationships, or every connection's (the first one wins per user). */
export function relationshipsOf(live: readonly ServerConnection[], connIndex: number | undefined): Relationship[] {
  const out = new Map<string, Relationship>();
  for (const conn of live) {
    if (connIndex !== undefined && conn.index !== connIndex) continue;
    for (const relationship of conn.cache.relationships.values()) if (!out.has(relationship.id)) out.set(relationship.id, relationship);
  }
  return Array.from(out.values());
}
