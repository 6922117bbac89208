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
  const formerMembers = [...(conn.cache.members.get(data.id)?.keys() ?? [])];
  conn.cache.deleteSpace(data.id);
  for (const changed of forgetUnobservedPresences(conn.cache, formerMembers, conn.userId)) ctx.emit('userUpdated', changed);
  ctx.emit('spacesUpdated');
}

export const spaceHandlers: HandlerTable = {
  'space.create': onSpaceCreate,
  'space.update': onSpaceUpdate,
  'space.delete': onSpaceDelete,
};
