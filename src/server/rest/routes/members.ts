import { banMember, getBan, listBans, unbanMember } from '../../data/services/bans.js';
import {
  getMember,
  kickMember,
  leaveSpace,
  listMembers,
  patchMember,
  patchSelfMember,
  searchMembers,
  setMemberRole,
} from '../../data/services/members.js';
import { asBody } from '../../data/services/validate.js';
import type { RouteTable } from '../route.js';
import { boolQuery, intQuery, RawBody, stringQuery } from '../route.js';

export function registerMemberRoutes(r: RouteTable): void {
  r.get('/spaces/:id/members', 'guest', (req, ctx) =>
    new RawBody(
      listMembers(
        ctx,
        req.userId,
        req.param('id'),
        { after: stringQuery(req.query, 'after'), limit: intQuery(req.query, 'limit'), withUser: boolQuery(req.query, 'with_user') },
        req.auth?.guestSpaceId,
      ),
    ),
  );
  r.get('/spaces/:id/members/search', 'user', (req, ctx) =>
    searchMembers(ctx, req.userId, req.param('id'), req.query.get('query') ?? '', intQuery(req.query, 'limit'), boolQuery(req.query, 'with_user')),
  );
  r.patch('/spaces/:id/members/@me', 'user', async (req, ctx) => patchSelfMember(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.delete('/spaces/:id/members/@me', 'user', (req, ctx) => leaveSpace(ctx, req.userId, req.param('id')));
  r.get('/spaces/:id/members/:uid', 'user', (req, ctx) => getMember(ctx, req.userId, req.param('id'), req.param('uid')));
  r.patch('/spaces/:id/members/:uid', 'user', async (req, ctx) =>
    patchMember(ctx, req.userId, req.param('id'), req.param('uid'), asBody(await req.body())),
  );
  r.delete('/spaces/:id/members/:uid', 'user', (req, ctx) => kickMember(ctx, req.userId, req.param('id'), req.param('uid')));
  r.put('/spaces/:id/members/:uid/roles/:rid', 'user', (req, ctx) =>
    setMemberRole(ctx, req.userId, req.param('id'), req.param('uid'), req.param('rid'), true),
  );
  r.delete('/spaces/:id/members/:uid/roles/:rid', 'user', (req, ctx) =>
    setMemberRole(ctx, req.userId, req.param('id'), req.param('uid'), req.param('rid'), false),
  );

  r.get('/spaces/:id/bans', 'user', (req, ctx) => listBans(ctx, req.userId, req.param('id')));
  r.get('/spaces/:id/bans/:uid', 'user', (req, ctx) => getBan(ctx, req.userId, req.param('id'), req.param('uid')));
  r.put('/spaces/:id/bans/:uid', 'user', async (req, ctx) => banMember(ctx, req.userId, req.param('id'), req.param('uid'), asBody(await req.body())));
  r.delete('/spaces/:id/bans/:uid', 'user', (req, ctx) => unbanMember(ctx, req.userId, req.param('id'), req.param('uid')));
}
