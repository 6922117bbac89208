import { createRole, deleteRole, listRoles, patchRole, reorderRoles } from '../../data/services/roles.js';
import { asBody } from '../../data/services/validate.js';
import type { RouteTable } from '../route.js';

export function registerRoleRoutes(r: RouteTable): void {
  r.get('/spaces/:id/roles', 'user', (req, ctx) => listRoles(ctx, req.userId, req.param('id')));
  r.post('/spaces/:id/roles', 'user', async (req, ctx) => createRole(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.patch('/spaces/:id/roles', 'user', async (req, ctx) => reorderRoles(ctx, req.userId, req.param('id'), await req.body()));
  r.patch('/spaces/:id/roles/:rid', 'user', async (req, ctx) => patchRole(ctx, req.userId, req.param('id'), req.param('rid'), asBody(await req.body())));
  r.delete('/spaces/:id/roles/:rid', 'user', (req, ctx) => deleteRole(ctx, req.userId, req.param('id'), req.param('rid')));
}
