import type { Space, SpaceDeleteData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { forgetUnobservedPresences } from '../mutations/presences.js';
import type { HandlerTable } from './table.js';

function onSpaceCreate(ctx: StateContext, conn: ServerConnection, space: Space): void {
  conn.cache.setSpace(space);
  ctx.emit('spacesUpdated');
}

function onSpaceUpdate(ctx: StateContext, conn: ServerConnection, space: Space): void {
  if (!conn.cache.spaces.has(space.id)) return;
  conn.cache.setSpace(space);
  ctx.emit('spacesUpdated');
}

function onSpaceDelete(ctx: StateContext, conn: ServerConnection, data: SpaceDeleteData): void {
  if (!conn.cache.spaces.has(data.id)) return;
  dropSpace(ctx, conn, data.id);
  ctx.emit('spacesUpdated');
}

/**
 * The space leaves this connection (deleted, or I left it): its data goes, and so do the read
 * positions of its channels. Messages posted while I am out reach no list, so after a re-join an
 * old position would let a delete conclude "nothing unread after it" from a list that lacks them.
 */
export function dropSpace(ctx: StateContext, conn: ServerConnection, spaceId: string): void {
  const cache = conn.cache;
  const formerMembers = [...(cache.members.get(spaceId)?.keys() ?? [])];
  for (const channelId of cache.deleteSpace(spaceId)) conn.inFlight.acks.forget(channelId);
  for (const changed of forgetUnobservedPresences(cache, formerMembers, conn.userId)) ctx.emit('userUpdated', changed);
}

export const spaceHandlers: HandlerTable = {
  'space.create': onSpaceCreate,
  'space.update': onSpaceUpdate,
  'space.delete': onSpaceDelete,
};
