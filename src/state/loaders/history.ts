import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { isServerId } from '../ids.js';
import { prependHistory } from '../mutations/history.js';
import { stale } from './attempt.js';
import { requestUser } from './users.js';

const MAX_PAGE = 100;
/** Search pages one loadOlder reads at most (pages full of thread replies yield nothing for the channel). */
const MAX_PAGES = 20;

/**
 * Older top-level history of a space channel (docs/protocol.md §5.4): the channel's page endpoint
 * cannot page back, so this reads `GET /spaces/{id}/messages/search?channel_id=&cursor=` (newest
 * first, ids below the cursor) from the oldest message held, drops thread replies, and prepends
 * up to `limit` messages. The list then holds them past the cap until it is collapsed. When the
 * search says there is no more, the list is at the channel's start. Concurrent loads of one
 * channel share the request. Resolves with the messages added, oldest first.
 */
export function loadOlderMessages(
  ctx: StateContext,
  conn: ServerConnection,
  spaceId: string,
  channelId: string,
  limit: number,
): Promise<readonly Message[]> {
  const loads = conn.inFlight.historyLoads;
  const running = loads.get(channelId);
  if (running && running.generation === conn.generation) return running.promise;
  const generation = conn.generation;
  const list = conn.cache.messageList(channelId);
  const epoch = list.epoch;
  const cursor = list.oldest((message) => isServerId(message.id))?.id;
  const deleted = conn.inFlight.messageDeletes.begin();
  const promise = fetchOlder(conn, spaceId, channelId, cursor, limit)
    .then(({ older, atStart }) => {
      // A rebuild, a refresh or a collapse replaced the range this page continues: drop it.
      if (stale(conn, generation) || conn.cache.messages.get(channelId) !== list || list.epoch !== epoch) return [];
      const added = prependHistory(list, older, deleted);
      if (atStart) list.atStart = true;
      for (const message of added) {
        if (!conn.cache.users.has(message.author_id)) void requestUser(ctx, conn, message.author_id);
      }
      if (added.length > 0 || atStart) ctx.emit('messagesUpdated', channelId);
      return added;
    })
    .finally(() => {
      conn.inFlight.messageDeletes.end(deleted);
      if (loads.get(channelId)?.promise === promise) loads.delete(channelId);
    });
  loads.set(channelId, { generation, promise });
  return promise;
}

async function fetchOlder(
  conn: ServerConnection,
  spaceId: string,
  channelId: string,
  cursor: string | undefined,
  limit: number,
): Promise<{ older: Message[]; atStart: boolean }> {
  const older: Message[] = [];
  for (let pages = 0; pages < MAX_PAGES && older.length < limit; pages++) {
    const want = Math.min(MAX_PAGE, limit - older.length);
    const answer = await conn.client.rest.searchMessages(spaceId, { channel_id: channelId, limit: want, ...(cursor !== undefined ? { cursor } : {}) });
    for (const message of answer.messages) {
      if (!message.thread_id && message.channel_id === channelId) older.push(message);
    }
    const last = answer.messages.at(-1);
    // The cursor comes with every non-empty page (docs/protocol.md §5.4); without one, a short page ends it.
    const more = answer.cursor ? answer.cursor.has_more : answer.messages.length >= want;
    if (last === undefined || !more) return { older, atStart: true };
    cursor = last.id;
  }
  return { older, atStart: false };
}
