import type { RoleDeleteData, RoleEventData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { removeRole, upsertRole } from '../mutations/roles.js';
import type { HandlerTable } from './table.js';

/** create and update: `data.role` (the models normalise a bare role carrying space_id into it). */
function onRoleUpsert(ctx: StateContext, conn: ServerConnection, data: RoleEventData): void {
  if (!conn.cache.spaces.has(data.space_id)) return;
  upsertRole(conn.cache, data.space_id, data.role);
  ctx.emit('rolesUpdated', data.space_id);
}

function onRoleDelete(ctx: StateContext, conn: ServerConnection, data: RoleDeleteData): void {
  if (removeRole(conn.cache, data.space_id, data.role_id)) ctx.emit('rolesUpdated', data.space_id);
}

export const roleHandlers: HandlerTable = {
  'role.create': onRoleUpsert,
  'role.update': onRoleUpsert,
  'role.delete': onRoleDelete,
};
