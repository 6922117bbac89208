import type { Role, RoleDeleteData, RoleEventData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { HandlerContext, HandlerTable } from './context.js';

export function byPosition(a: Role, b: Role): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** create and update: `data.role` (the models normalise a bare role carrying space_id into it). */
function onRoleUpsert(ctx: HandlerContext, conn: ServerConnection, data: RoleEventData): void {
  const cache = conn.cache;
  if (!cache.spaces.has(data.space_id)) return;
  const list = cache.roles.get(data.space_id) ?? [];
  const at = list.findIndex((role) => role.id === data.role.id);
  if (at >= 0) list[at] = data.role;
  else list.push(data.role);
  list.sort(byPosition);
  cache.roles.set(data.space_id, list);
  ctx.emit('rolesUpdated', data.space_id);
}

function onRoleDelete(ctx: HandlerContext, conn: ServerConnection, data: RoleDeleteData): void {
  const list = conn.cache.roles.get(data.space_id);
  if (!list) return;
  const at = list.findIndex((role) => role.id === data.role_id);
  if (at < 0) return;
  list.splice(at, 1);
  ctx.emit('rolesUpdated', data.space_id);
}

export const roleHandlers: HandlerTable = {
  'role.create': onRoleUpsert,
  'role.update': onRoleUpsert,
  'role.delete': onRoleDelete,
};
