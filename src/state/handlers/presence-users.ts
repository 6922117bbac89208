import type { Presence, User } from '../../models/index.js';
import { visibleStatus } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import { assignOwn } from '../merge.js';
import type { StoreUser } from '../types.js';
import type { HandlerContext, HandlerTable } from './context.js';

/**
 * Status on the user and on the user's member entry in every space of the connection. The
 * server sends one copy per shared space plus one for friends (PROTOCOL.md §2.4): a copy that
 * changes nothing emits nothing.
 */
function onPresenceUpdate(ctx: HandlerContext, conn: ServerConnection, presence: Presence): void {
  const cache = conn.cache;
  const userId = presence.user_id;
  const status = visibleStatus(presence.status);
  // A cached user carries its status; the statuses map holds only the others' (statusOf reads both).
  const user = cache.users.get(userId);
  let changed: boolean;
  if (user !== undefined) {
    changed = user.status !== status;
    user.status = status;
  } else {
    changed = cache.statuses.get(userId) !== status;
    cache.statuses.set(userId, status);
  }
  if (changed) ctx.emit('userUpdated', userId);
  // By value, the space id read off the member: entries() would build a [key, value] pair per
  // space on every presence, keys() would look each space up again.
  for (const members of cache.members.values()) {
    const member = members.get(userId);
    if (!member || member.status === status) continue;
    member.status = status;
    ctx.emit('membersUpdated', member.space_id);
  }
}

/** Merges a (public) user into the cache: private fields and the tracked status are kept. */
export function mergeUser(conn: ServerConnection, user: User): StoreUser {
  const cache = conn.cache;
  const cached = cache.users.get(user.id);
  if (!cached) return cache.putUser(user);
  const status = cached.status;
  assignOwn(cached, user);
  cached.status = status ?? cache.statusOf(user.id);
  return cached;
}

function onUserUpdate(ctx: HandlerContext, conn: ServerConnection, user: User): void {
  const merged = mergeUser(conn, user);
  if (user.id === conn.userId) conn.user = merged;
  ctx.emit('userUpdated', user.id);
}

export const presenceUserHandlers: HandlerTable = {
  'presence.update': onPresenceUpdate,
  'user.update': onUserUpdate,
};
