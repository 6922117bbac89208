import type { ResolvedToken } from '../../contracts.js';
import { ApiError, badRequest, forbidden, notFound, unauthorized } from '../errors.js';
import { compareIds } from '../ids.js';
import { channelPermissions, everyonePermissions, firstUnheld } from '../permissions.js';
import { spaceChannels } from '../queries.js';
import type { ChannelRecord, MessageRecord } from '../records.js';
import { READ_VIEW, toMessage } from '../serialize.js';
import { parseTime, storedTime } from '../time.js';
import type { Message } from '../wire.js';
import type { ServiceContext } from './context.js';

/** `GET /spaces/{id}/messages/search` query (docs/protocol.md §5.4); absent keys are undefined. */
export interface MessageSearchQuery {
  query?: string;
  authorId?: string;
  channelId?: string;
  before?: string;
  after?: string;
  pinned?: boolean;
  cursor?: string;
  limit?: number;
}

export interface MessageSearchPage {
  data: Message[];
  cursor?: { after: string; has_more: boolean };
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const READ = ['view_channel', 'read_history'];

/**
 * Message search: newest first (id descending), thread replies included, `cursor` returns ids
 * below it, so `channel_id` + `cursor` pages backwards through a channel's history. The caller
 * searches the channels it may read (view_channel and read_history; an anonymous caller in a
 * public space, those @everyone may read); guests and non-members are refused.
 */
export function searchMessages(ctx: ServiceContext, auth: ResolvedToken | null, spaceId: string, q: MessageSearchQuery): MessageSearchPage {
  const filtered = [q.query, q.authorId, q.channelId, q.before, q.after, q.pinned].some((v) => v !== undefined);
  if (!filtered) throw badRequest('at least one search filter is required');
  const { tables } = ctx.data;
  const space = tables.spaces.get(spaceId);
  if (!space) throw notFound('unknown_space');
  const readable = readableChannels(ctx, auth, space.id, space.public);
  let channels = readable;
  if (q.channelId !== undefined) {
    const channel = readable.find((c) => c.id === q.channelId);
    if (!channel) throw forbidden('you do not have access to that channel');
    channels = [channel];
  }
  const matches = matcher(q);
  const hits: MessageRecord[] = [];
  for (const channel of channels) for (const m of tables.messages.where('channel', channel.id)) if (matches(m)) hits.push(m);
  hits.sort((a, b) => compareIds(b.id, a.id));
  const limit = Math.min(MAX_LIMIT, Math.max(1, q.limit ?? DEFAULT_LIMIT));
  const page = hits.slice(0, limit);
  const viewerId = auth?.userId ?? null;
  const data = page.map((m) => toMessage(tables, m, viewerId, READ_VIEW));
  const last = page.at(-1);
  return last ? { data, cursor: { after: last.id, has_more: hits.length > page.length } } : { data };
}

function readableChannels(ctx: ServiceContext, auth: ResolvedToken | null, spaceId: string, isPublic: boolean): ChannelRecord[] {
  const channels = spaceChannels(ctx.data.tables, spaceId);
  if (auth === null) {
    if (!isPublic) throw unauthorized('authentication required');
    return channels.filter((c) => firstUnheld(everyonePermissions(ctx.data.tables, c), READ) === undefined);
  }
  // a guest is no member, so (like the real server) it reads nothing here
  const readable = auth.kind === 'guest' ? [] : channels.filter((c) => firstUnheld(channelPermissions(ctx.data.tables, c, auth.userId), READ) === undefined);
  if (readable.length === 0) throw forbidden('you are not a member of this space');
  return readable;
}

function matcher(q: MessageSearchQuery): (m: MessageRecord) => boolean {
  const like = q.query === undefined ? null : sqlLike(q.query);
  const before = q.before === undefined ? null : timeBound(q.before);
  const after = q.after === undefined ? null : timeBound(q.after);
  const cursor = q.cursor;
  return (m) =>
    (like === null || like.test(asciiLower(m.content))) &&
    (q.authorId === undefined || m.author_id === q.authorId) &&
    (before === null || before.compare(m) < 0) &&
    (after === null || after.compare(m) > 0) &&
    (q.pinned === undefined || m.pinned === q.pinned) &&
    (cursor === undefined || compareIds(m.id, cursor) < 0);
}

/**
 * A creation-time bound. The real server compares the stored `YYYY-MM-DD HH:MM:SS` text with the
 * parameter as text; a parameter that parses as a time is compared as a time instead (so an
 * RFC 3339 bound works), anything else as text the way the real server does.
 */
function timeBound(text: string): { compare(m: MessageRecord): number } {
  const ms = parseTime(text);
  if (Number.isNaN(ms)) {
    return {
      compare: (m) => {
        const stored = storedTime(m.created_at_ms);
        return stored < text ? -1 : stored > text ? 1 : 0;
      },
    };
  }
  return { compare: (m) => Math.floor(m.created_at_ms / 1000) * 1000 - ms };
}

/** SQLite `LIKE '%q%'`: `%` any run, `_` one character, ASCII letters case-insensitive. */
function sqlLike(pattern: string): RegExp {
  let source = '';
  for (const char of asciiLower(pattern)) {
    if (char === '%') source += '[^]*';
    else if (char === '_') source += '[^]';
    else source += char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(source, 'u');
}

const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** `true` / `false`; anything else is a framework-level plain-text 400, like a bad integer. */
export function boolParam(value: string | null, key: string): boolean | undefined {
  if (value === null) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ApiError(400, 'invalid_query', `Failed to deserialize query string: ${key}`, true);
}
