import { compareIds } from '../ids.js';
import type { MessageRecord } from '../records.js';
import { READ_VIEW, toMessage } from '../serialize.js';
import type { Message } from '../wire.js';
import type { ServiceContext } from './context.js';
import { topLevel } from './messages.js';

export interface MessageQuery {
  after?: string;
  limit?: number;
  threadId?: string;
  topLevel?: boolean;
  sort?: string;
}

export interface MessagePage {
  data: (Message & { last_reply_at?: string })[];
  cursor?: { after: string; has_more: boolean };
}

/**
 * `GET /channels/{id}/messages` paging (docs/protocol.md §5.4): newest-first by default, `after`
 * pages forward oldest-first, `thread_id` lists replies oldest-first, `top_level` is forum mode.
 * Access is checked by the caller.
 */
export function listMessages(ctx: ServiceContext, viewerId: string | null, channelId: string, query: MessageQuery): MessagePage {
  const { tables } = ctx.data;
  const limit = Math.min(100, Math.max(1, query.limit ?? 50));
  const after = query.after;
  let pool: MessageRecord[];
  let newestFirst = false;
  const lastReplyAt = new Map<string, string>();
  if (query.threadId !== undefined) {
    pool = tables.messages.where('thread', query.threadId).filter((m) => m.channel_id === channelId);
    pool.sort((a, b) => compareIds(a.id, b.id));
  } else if (query.topLevel) {
    pool = forumOrder(ctx, channelId, query.sort ?? 'latest_activity', lastReplyAt);
  } else {
    pool = topLevel(ctx, channelId);
    newestFirst = after === undefined;
    if (newestFirst) pool.reverse();
  }
  if (after !== undefined && !query.topLevel) pool = pool.filter((m) => compareIds(m.id, after) > 0);
  const page = pool.slice(0, limit);
  const data = page.map((m) => {
    const message = toMessage(tables, m, viewerId, READ_VIEW);
    const replyAt = lastReplyAt.get(m.id);
    return replyAt === undefined ? message : { ...message, last_reply_at: replyAt };
  });
  const last = page.at(-1);
  return last ? { data, cursor: { after: last.id, has_more: pool.length > page.length } } : { data };
}

function forumOrder(ctx: ServiceContext, channelId: string, sort: string, lastReplyAt: Map<string, string>): MessageRecord[] {
  const posts = topLevel(ctx, channelId);
  const activity = new Map<string, string>();
  for (const post of posts) {
    const replies = ctx.data.tables.messages.where('thread', post.id).sort((a, b) => compareIds(a.id, b.id));
    const newest = replies.at(-1);
    if (newest) lastReplyAt.set(post.id, newest.timestamp);
    activity.set(post.id, newest?.id ?? post.id);
  }
  if (sort === 'oldest') return posts;
  if (sort === 'newest') return posts.reverse();
  return posts.sort((a, b) => compareIds(activity.get(b.id) ?? b.id, activity.get(a.id) ?? a.id));
}
