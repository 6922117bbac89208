import type { Relationship, User, UserStatus } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';
import type { StoreUser } from '../types.js';
import { assignOwnCounted } from './merge.js';

/** Merges a (public) user into the cache: private fields and the tracked status are kept. */
export function mergeUser(cache: ConnectionCache, user: User): StoreUser {
  mergeUserCounted(cache, user);
  return cache.users.get(user.id) as StoreUser;
}

/** mergeUser, returning how many fields it wrote (a user new to the cache counts as one). */
export function mergeUserCounted(cache: ConnectionCache, user: User): number {
  const cached = cache.users.get(user.id);
  if (!cached) {
    cache.putUser(user);
    return 1;
  }
  const status = cached.status;
  const writes = assignOwnCounted(cached, user, STATUS);
  cached.status = status ?? cache.statusOf(user.id);
  return writes;
}

/** The status a cached user carries is the one we track, never a wire copy's. */
const STATUS: readonly string[] = ['status'];

/** A user fetched over REST: cached unless an event cached it meanwhile, then linked to its members. */
export function addFetchedUser(cache: ConnectionCache, user: User): void {
  if (!cache.users.has(user.id)) cache.putUser(user);
  cache.linkMembers(user.id);
}

/**
 * Sets a user's presence status: on the cached user, or in the statuses map for users not cached
 * (statusOf reads both). Returns whether it changed.
 */
export function setUserStatus(cache: ConnectionCache, userId: string, status: UserStatus): boolean {
  const user = cache.users.get(userId);
  if (user !== undefined) {
    if (user.status === status) return false;
    user.status = status;
    return true;
  }
  if (cache.statuses.get(userId) === status) return false;
  cache.statuses.set(userId, status);
  return true;
}

export function setRelationship(cache: ConnectionCache, relationship: Relationship): void {
  cache.relationships.set(relationship.id, relationship);
}

/** Returns whether there was one. */
export function removeRelationship(cache: ConnectionCache, userId: string): boolean {
  return cache.relationships.delete(userId);
}
