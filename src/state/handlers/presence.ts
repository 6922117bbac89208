import type { Presence } from '../../models/index.js';
import { visibleStatus } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { setMemberStatus } from '../mutations/members.js';
import { storePresence } from '../mutations/presences.js';
import { setUserStatus } from '../mutations/users.js';
import type { HandlerTable } from './table.js';

/**
 * Status on the user and on the user's member entry in every space of the connection, and the
 * whole presence (activities, client_status) for `store.presence(userId)`. The
 * server sends one copy per shared space plus one for friends (docs/protocol.md §2.4): a copy that
 * changes nothing emits nothing.
 */
function onPresenceUpdate(ctx: StateContext, conn: ServerConnection, presence: Presence): void {
  const cache = conn.cache;
  const userId = presence.user_id;
  const status = visibleStatus(presence.status);
  presence.status = status;
  const detailsChanged = storePresence(cache, presence);
  if (setUserStatus(cache, userId, status) || detailsChanged) ctx.emit('userUpdated', userId);
  // By value, the space id read off the member: entries() would build a [key, value] pair per
  // space on every presence, keys() would look each space up again.
  for (const members of cache.members.values()) {
    const member = members.get(userId);
    if (member !== undefined && setMemberStatus(member, status)) ctx.emit('membersUpdated', member.space_id);
  }
}

export const presenceHandlers: HandlerTable = {
  'presence.update': onPresenceUpdate,
};
