import type { GatewayEventType } from '../../../protocol/events.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { PERMISSIONS } from '../../../protocol/permissions.js';
import { outranksRole, spacePermissions } from '../permissions.js';
import { spaceRoles } from '../queries.js';
import type { RoleRecord } from '../records.js';
import { toMember, toRole } from '../serialize.js';
import type { Role } from '../wire.js';
import { requireGrantable, requireMember, requireSpace, requireSpacePermission } from './access.js';
import { readPositions } from './channels.js';
import type { ServiceContext } from './context.js';
import { publishToSpace } from './context.js';
import type { Body } from './validate.js';
import { checkLength, optBool, optInt, optNullableString, optString, optStringArray } from './validate.js';

/** Roles. The real server is silent here; we announce `role.*` (superset, DEVIATIONS.md). */

const KNOWN: ReadonlySet<string> = new Set(PERMISSIONS);

export function listRoles(ctx: ServiceContext, userId: string, spaceId: string): Role[] {
  const space = requireSpace(ctx, spaceId);
  requireMember(ctx, space.id, userId);
  return spaceRoles(ctx.data.tables, space.id).map(toRole);
}

function requireRole(ctx: ServiceContext, spaceId: string, roleId: string): RoleRecord {
  const role = ctx.data.tables.roles.get(roleId);
  if (role?.space_id !== spaceId) throw notFound('unknown_role');
  return role;
}

function roleFields(body: Body): Partial<RoleRecord> {
  const out: Partial<RoleRecord> = {};
  const name = optString(body, 'name');
  if (name !== undefined) out.name = checkLength('name', name, 1, 100);
  const color = optInt(body, 'color');
  if (color !== undefined) {
    if (color < 0 || color > 0xffffff) throw badRequest('color must be an RGB integer');
    out.color = color;
  }
  const hoist = optBool(body, 'hoist');
  if (hoist !== undefined) out.hoist = hoist;
  const mentionable = optBool(body, 'mentionable');
  if (mentionable !== undefined) out.mentionable = mentionable;
  const icon = optNullableString(body, 'icon');
  if (icon !== undefined) out.icon = icon;
  const permissions = optStringArray(body, 'permissions');
  if (permissions !== undefined) {
    const unknown = permissions.find((p) => !KNOWN.has(p));
    if (unknown) throw badRequest(`unknown permission: ${unknown}`);
    out.permissions = [...new Set(permissions)];
  }
  return out;
}

/** Role fields, refusing permissions the actor does not hold (the real server's escalation check). */
function grantableRoleFields(ctx: ServiceContext, spaceId: string, userId: string, body: Body): Partial<RoleRecord> {
  const fields = roleFields(body);
  if (fields.permissions !== undefined) requireGrantable(spacePermissions(ctx.data.tables, spaceId, userId), fields.permissions);
  return fields;
}

const announce = (ctx: ServiceContext, type: GatewayEventType, role: RoleRecord) =>
  publishToSpace(ctx, type, { space_id: role.space_id, role: toRole(role) }, role.space_id);

export function createRole(ctx: ServiceContext, userId: string, spaceId: string, body: Body): Role {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_roles');
  const fields = grantableRoleFields(ctx, space.id, userId, body);
  const top = spaceRoles(ctx.data.tables, space.id).reduce((max, r) => Math.max(max, r.position), 0);
  const role = ctx.data.tables.roles.put({
    id: ctx.data.nextId(),
    space_id: space.id,
    name: 'new role',
    color: 0,
    hoist: false,
    icon: null,
    position: top + 1,
    permissions: [],
    managed: false,
    mentionable: false,
    ...fields,
  });
  announce(ctx, 'role.create', role);
  return toRole(role);
}

export function patchRole(ctx: ServiceContext, userId: string, spaceId: string, roleId: string, body: Body): Role {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_roles');
  const role = requireRole(ctx, space.id, roleId);
  if (!outranksRole(ctx.data.tables, space.id, userId, role.position)) throw forbidden('role is above your highest role');
  const fields = grantableRoleFields(ctx, space.id, userId, body);
  if (role.position === 0 && fields.name !== undefined && fields.name !== role.name) throw badRequest('@everyone cannot be renamed');
  const next = ctx.data.tables.roles.put({ ...role, ...fields });
  announce(ctx, 'role.update', next);
  return toRole(next);
}

/** Removes the role from every member (each gets a `member.update`), then `role.delete`. */
export function deleteRole(ctx: ServiceContext, userId: string, spaceId: string, roleId: string): void {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_roles');
  const role = requireRole(ctx, space.id, roleId);
  if (role.position === 0) throw badRequest('@everyone cannot be deleted');
  if (!outranksRole(ctx.data.tables, space.id, userId, role.position)) throw forbidden('role is above your highest role');
  const { tables } = ctx.data;
  tables.roles.delete(role.id);
  for (const member of tables.members.where('space', space.id)) {
    if (!member.roles.includes(role.id)) continue;
    const next = tables.members.put({ ...member, roles: member.roles.filter((r) => r !== role.id) });
    publishToSpace(ctx, 'member.update', toMember(next), space.id);
  }
  for (const channel of tables.channels.where('space', space.id)) {
    if (channel.permission_overwrites.some((o) => o.id === role.id)) {
      tables.channels.put({ ...channel, permission_overwrites: channel.permission_overwrites.filter((o) => o.id !== role.id) });
    }
  }
  publishToSpace(ctx, 'role.delete', { space_id: space.id, role_id: role.id }, space.id);
}

/** `PATCH /spaces/{id}/roles` with `[{id, position}]`; @everyone stays at 0. */
export function reorderRoles(ctx: ServiceContext, userId: string, spaceId: string, body: unknown): Role[] {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_roles');
  const moves = readPositions(body);
  for (const move of moves) {
    const role = requireRole(ctx, space.id, move.id);
    if (role.position === 0 || move.position < 1) throw badRequest('@everyone must stay at position 0');
    if (!outranksRole(ctx.data.tables, space.id, userId, Math.max(role.position, move.position))) {
      throw forbidden('role is above your highest role');
    }
  }
  for (const move of moves) {
    const role = requireRole(ctx, space.id, move.id);
    if (role.position === move.position) continue;
    announce(ctx, 'role.update', ctx.data.tables.roles.put({ ...role, position: move.position }));
  }
  return spaceRoles(ctx.data.tables, space.id).map(toRole);
}
