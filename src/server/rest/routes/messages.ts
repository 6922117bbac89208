import { forbidden } from '../../data/errors.js';
import { requireChannel, requireChannelPermission, requireEveryoneCanRead } from '../../data/services/access.js';
import type { ServiceContext } from '../../data/services/context.js';
import { listMessages } from '../../data/services/message-list.js';
import { boolParam, searchMessages } from '../../data/services/message-search.js';
import { bulkDeleteMessages, createMessage, deleteMessage, editMessage, getMessage } from '../../data/services/messages.js';
import { addReaction, clearEmoji, clearReactions, reactionUsers, removeReaction } from '../../data/services/reactions.js';
import { asBody } from '../../data/services/validate.js';
import type { RestRequest, RouteTable } from '../route.js';
import { boolQuery, intQuery, RawBody, stringQuery } from '../route.js';

/**
 * Members read with read_history; anyone may read public spaces and guests their
 * allow_anonymous_read channels, but only where @everyone may read.
 */
function checkReadable(req: RestRequest, ctx: ServiceContext, channelId: string): void {
  const channel = requireChannel(ctx, channelId);
  if (req.auth?.kind === 'guest') {
    if (channel.space_id !== req.auth.guestSpaceId || !channel.allow_anonymous_read) throw forbidden('not readable as a guest');
    requireEveryoneCanRead(ctx, channel);
    return;
  }
  if (req.auth) {
    requireChannelPermission(ctx, channelId, req.userId, 'read_history');
    return;
  }
  const space = channel.space_id === null ? undefined : ctx.data.tables.spaces.get(channel.space_id);
  if (!space?.public) throw forbidden('not a member of this space');
  requireEveryoneCanRead(ctx, channel);
}

const MSG = '/channels/:cid/messages/:mid';

export function registerMessageRoutes(r: RouteTable): void {
  r.get('/channels/:cid/messages', 'optional', (req, ctx) => {
    checkReadable(req, ctx, req.param('cid'));
    const page = listMessages(ctx, req.auth ? req.userId : null, req.param('cid'), {
      after: stringQuery(req.query, 'after'),
      limit: intQuery(req.query, 'limit'),
      threadId: stringQuery(req.query, 'thread_id'),
      topLevel: boolQuery(req.query, 'top_level'),
      sort: stringQuery(req.query, 'sort'),
    });
    return new RawBody(page);
  });
  r.get('/spaces/:id/messages/search', 'optional', (req, ctx) => {
    const page = searchMessages(ctx, req.auth, req.param('id'), {
      query: stringQuery(req.query, 'query'),
      authorId: stringQuery(req.query, 'author_id'),
      channelId: stringQuery(req.query, 'channel_id'),
      before: stringQuery(req.query, 'before'),
      after: stringQuery(req.query, 'after'),
      pinned: boolParam(req.query.get('pinned'), 'pinned'),
      cursor: stringQuery(req.query, 'cursor'),
      limit: intQuery(req.query, 'limit'),
    });
    return new RawBody(page);
  });
  r.post('/channels/:cid/messages', 'user', async (req, ctx) => createMessage(ctx, req.userId, req.param('cid'), asBody(await req.body())));
  r.post('/channels/:cid/messages/bulk-delete', 'user', async (req, ctx) =>
    bulkDeleteMessages(ctx, req.userId, req.param('cid'), asBody(await req.body())),
  );
  r.get(MSG, 'user', (req, ctx) => getMessage(ctx, req.userId, req.param('cid'), req.param('mid')));
  r.patch(MSG, 'user', async (req, ctx) => editMessage(ctx, req.userId, req.param('cid'), req.param('mid'), asBody(await req.body())));
  r.delete(MSG, 'user', (req, ctx) => deleteMessage(ctx, req.userId, req.param('cid'), req.param('mid')));

  r.delete(`${MSG}/reactions`, 'user', (req, ctx) => clearReactions(ctx, req.userId, req.param('cid'), req.param('mid')));
  r.get(`${MSG}/reactions/:emoji`, 'user', (req, ctx) => reactionUsers(ctx, req.userId, req.param('cid'), req.param('mid'), req.param('emoji')));
  r.delete(`${MSG}/reactions/:emoji`, 'user', (req, ctx) => clearEmoji(ctx, req.userId, req.param('cid'), req.param('mid'), req.param('emoji')));
  r.put(`${MSG}/reactions/:emoji/@me`, 'user', (req, ctx) => addReaction(ctx, req.userId, req.param('cid'), req.param('mid'), req.param('emoji')));
  r.delete(`${MSG}/reactions/:emoji/@me`, 'user', (req, ctx) =>
    removeReaction(ctx, req.userId, req.param('cid'), req.param('mid'), req.param('emoji'), req.userId),
  );
  r.delete(`${MSG}/reactions/:emoji/:uid`, 'user', (req, ctx) =>
    removeReaction(ctx, req.userId, req.param('cid'), req.param('mid'), req.param('emoji'), req.param('uid')),
  );
}
