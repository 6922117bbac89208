import { acceptInvite, createInvite, deleteInvite, getInvite, listInvites } from '../../data/services/invites.js';
import { asBody } from '../../data/services/validate.js';
import type { RouteTable } from '../route.js';

export function registerInviteRoutes(r: RouteTable): void {
  r.get('/spaces/:id/invites', 'user', (req, ctx) => listInvites(ctx, req.userId, req.param('id')));
  r.post('/spaces/:id/invites', 'user', async (req, ctx) => createInvite(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.get('/invites/:code', 'guest', (req, ctx) => getInvite(ctx, req.param('code')));
  r.delete('/invites/:code', 'user', (req, ctx) => deleteInvite(ctx, req.userId, req.param('code')));
  r.post('/invites/:code/accept', 'user', (req, ctx) => acceptInvite(ctx, req.userId, req.param('code')));
}
