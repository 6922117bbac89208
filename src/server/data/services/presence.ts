import type { PresenceStatusStored } from '../../contracts.js';
import { presenceUpdateData } from '../../presence-update.js';
import { friendIds, userSpaceIds } from '../queries.js';
import type { ServiceContext } from './context.js';
import { publishToSpace, publishToUsers } from './context.js';

/**
 * Sets a user's presence as the gateway's op 8 does: store it in the live state, then one
 * `presence.update` per space of the user plus one to their friends (§3.5).
 */
export function setPresence(ctx: ServiceContext, userId: string, status: PresenceStatusStored, activities: unknown[] = []): void {
  const presence = { status, activities };
  ctx.gateway.live.presences.set(userId, presence);
  const data = presenceUpdateData(userId, presence);
  for (const spaceId of userSpaceIds(ctx.data.tables, userId)) publishToSpace(ctx, 'presence.update', data, spaceId);
  const friends = friendIds(ctx.data.tables, userId);
  if (friends.length > 0) publishToUsers(ctx, 'presence.update', data, friends);
}
