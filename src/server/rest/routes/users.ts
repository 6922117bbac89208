import { openDm } from '../../data/services/dms.js';
import { listMutes } from '../../data/services/channel-state.js';
import { deleteRelationship, listRelationships, putRelationship } from '../../data/services/relationships.js';
import { getMe, getUser, myDmChannels, mySpaces, patchMe } from '../../data/services/users.js';
import { unreadFor } from '../../data/queries.js';
import { rfc3339Time } from '../../data/time.js';
import { asBody } from '../../data/services/validate.js';
import type { RouteTable } from '../route.js';
import { RawBody } from '../route.js';

export function registerUserRoutes(r: RouteTable): void {
  r.get('/users/@me', 'guest', (req, ctx) => {
    if (req.auth?.kind === 'guest') {
      const created = rfc3339Time(ctx.data.clock.now());
      return { id: req.userId, username: 'Guest', display_name: 'Guest', avatar: null, bot: false, system: false, is_guest: true, created_at: created };
    }
    return getMe(ctx, req.userId);
  });
  r.patch('/users/@me', 'user', async (req, ctx) => patchMe(ctx, req.userId, asBody(await req.body())));
  r.get('/users/@me/spaces', 'user', (req, ctx) => mySpaces(ctx, req.userId));
  r.get('/users/@me/channels', 'user', (req, ctx) => myDmChannels(ctx, req.userId));
  r.post('/users/@me/channels', 'user', async (req, ctx) => openDm(ctx, req.userId, asBody(await req.body())));
  r.get('/users/@me/read-states', 'user', (req, ctx) => unreadFor(ctx.data.tables, req.userId));
  r.get('/users/@me/mutes', 'user', (req, ctx) => listMutes(ctx, req.userId));
  r.get('/users/@me/relationships', 'user', (req, ctx) => listRelationships(ctx, req.userId));
  r.put('/users/@me/relationships/:uid', 'user', async (req, ctx) =>
    putRelationship(ctx, req.userId, req.param('uid'), asBody(await req.body())),
  );
  r.delete('/users/@me/relationships/:uid', 'user', (req, ctx) => new RawBody(deleteRelationship(ctx, req.userId, req.param('uid'))));
  r.get('/users/:uid', 'user', (req, ctx) => getUser(ctx, req.userId, req.param('uid')));
}
