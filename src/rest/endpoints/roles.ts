import { parseRole, type Role } from '../../models/role.js';
import type * as B from '../bodies.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

/** Roles have no gateway events: refetch after changes. */
export const roleEndpoints = endpoints({
  listRoles(spaceId: string): Promise<Role[]> {
    return this[REST_CALLER].list(parseRole, 'role', 'GET', { path: `/spaces/${seg(spaceId)}/roles` });
  },

  createRole(spaceId: string, body: B.RoleBody): Promise<Role> {
    return this[REST_CALLER].one(parseRole, 'role', 'POST', { path: `/spaces/${seg(spaceId)}/roles`, body });
  },

  updateRole(spaceId: string, roleId: string, body: B.RoleBody): Promise<Role> {
    return this[REST_CALLER].one(parseRole, 'role', 'PATCH', { path: `/spaces/${seg(spaceId)}/roles/${seg(roleId)}`, body });
  },

  async deleteRole(spaceId: string, roleId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/spaces/${seg(spaceId)}/roles/${seg(roleId)}` });
  },

  reorderRoles(spaceId: string, positions: B.PositionUpdate[]): Promise<Role[]> {
    return this[REST_CALLER].list(parseRole, 'role', 'PATCH', { path: `/spaces/${seg(spaceId)}/roles`, body: positions });
  },
});

export type RoleEndpoints = typeof roleEndpoints;
