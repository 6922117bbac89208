import { forbidden } from '../../data/errors.js';
import { requireMember, requireSpace } from '../../data/services/access.js';
import { createChannel, listEveryoneChannels, listSpaceChannels, reorderChannels } from '../../data/services/channels.js';
import { createSpace, deleteSpace, getSpace, joinPublicSpace, patchSpace, publicSpaces } from '../../data/services/spaces.js';
import { asBody } from '../../data/services/validate.js';
import type { RouteTable } from '../route.js';
import { RawBody } from '../route.js';

export function registerSpaceRoutes(r: RouteTable): void {
  r.get('/spaces/public', 'optional', (_req, ctx) => publicSpaces(ctx));
  r.post('/spaces', 'user', async (req, ctx) => createSpace(ctx, req.userId, asBody(await req.body())));
  r.get('/spaces/:id', 'optional', (req, ctx) => getSpace(ctx, req.auth ? req.userId : null, req.param('id'), req.auth?.guestSpaceId));
  r.patch('/spaces/:id', 'user', async (req, ctx) => patchSpace(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.delete('/spaces/:id', 'user', (req, ctx) => deleteSpace(ctx, req.userId, req.param('id')));
  r.post('/spaces/:id/join', 'user', (req, ctx) => joinPublicSpace(ctx, req.userId, req.param('id')));
  r.get('/spaces/:id/anonymous-count', 'optional', (req, ctx) => {
    const space = requireSpace(ctx, req.param('id'));
    return new RawBody({ count: ctx.data.anonymousCount?.(space.id, 0) ?? 0 });
  });

  // Public spaces are readable without auth; guests see only allow_anonymous_read channels. Neither
  // sees a channel hidden from @everyone (DEVIATIONS.md).
  r.get('/spaces/:id/channels', 'optional', (req, ctx) => {
    const space = requireSpace(ctx, req.param('id'));
    if (req.auth?.kind === 'guest') {
      if (req.auth.guestSpaceId !== space.id) throw forbidden('not a member of this space');
      return listEveryoneChannels(ctx, space.id).filter((c) => c.allow_anonymous_read);
    }
    if (req.auth) {
      requireMember(ctx, space.id, req.userId);
      return listSpaceChannels(ctx, space.id);
    }
    if (!space.public) throw forbidden('not a member of this space');
    return listEveryoneChannels(ctx, space.id);
  });
  r.post('/spaces/:id/channels', 'user', async (req, ctx) => createChannel(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.patch('/spaces/:id/channels', 'user', async (req, ctx) => reorderChannels(ctx, req.userId, req.param('id'), await req.body()));
}
