import type { Role } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';

export function byPosition(a: Role, b: Role): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Replaces the role with the same id, or adds it; the list stays in position order. */
export function upsertRole(cache: ConnectionCache, spaceId: string, role: Role): void {
  const list = cache.roles.get(spaceId) ?? [];
  const at = list.findIndex((cached) => cached.id === role.id);
  if (at >= 0) list[at] = role;
  else list.push(role);
  list.sort(byPosition);
  cache.roles.set(spaceId, list);
}

/** Returns whether the role was cached. */
export function removeRole(cache: ConnectionCache, spaceId: string, roleId: string): boolean {
  const list = cache.roles.get(spaceId);
  if (!list) return false;
  const at = list.findIndex((role) => role.id === roleId);
  if (at < 0) return false;
  list.splice(at, 1);
  return true;
}

/** A space's full role list (from REST), in position order. */
export function setRoles(cache: ConnectionCache, spaceId: string, roles: readonly Role[]): void {
  cache.roles.set(spaceId, roles.slice().sort(byPosition));
}
