import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import { describeError, type StateContext } from '../context.js';
import { applyThreadPage } from '../mutations/threads.js';
import { stale } from './attempt.js';
import { requestUser } from './users.js';

const PAGE = 100;
/** A thread longer than this many pages is cut there (a bound, not a protocol limit). */
const MAX_PAGES = 100;

/**
 * A thread's replies over REST: `GET /channels/{id}/messages?thread_id=<parent>` (oldest first,
 * `after` for the next page, docs/protocol.md §10). Replies that arrived live meanwhile stay; those
 * deleted meanwhile do not come back. Concurrent loads of one thread share the request. Resolves
 * with the thread's replies, oldest first; rejects with the REST error.
 */
export function loadThreadReplies(ctx: StateContext, conn: ServerConnection, channelId: string, parentId: string): Promise<readonly Message[]> {
  const loads = conn.inFlight.threadLoads;
  const running = loads.get(parentId);
  if (running && running.generation === conn.generation) return running.promise;
  const generation = conn.generation;
  const deleted = conn.inFlight.messageDeletes.begin();
  const heldBefore = new Set(conn.cache.threads.get(parentId)?.replies.toArray().map((reply) => reply.id));
  const promise = fetchReplies(conn, channelId, parentId)
    .then((page) => {
      if (stale(conn, generation) || !conn.cache.isKnownChannel(channelId)) return [];
      const thread = conn.cache.thread(parentId, channelId);
      applyThreadPage(thread, page, deleted, heldBefore);
      for (const reply of thread.replies.toArray()) {
        if (!conn.cache.users.has(reply.author_id)) void requestUser(ctx, conn, reply.author_id);
      }
      ctx.emit('threadUpdated', parentId);
      return thread.replies.toArray();
    })
    .finally(() => {
      conn.inFlight.messageDeletes.end(deleted);
      if (loads.get(parentId)?.promise === promise) loads.delete(parentId);
    });
  loads.set(parentId, { generation, promise });
  return promise;
}

async function fetchReplies(conn: ServerConnection, channelId: string, parentId: string): Promise<Message[]> {
  const replies: Message[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await conn.client.rest.listMessages(channelId, { thread_id: parentId, limit: PAGE, ...(after !== undefined ? { after } : {}) });
    for (const message of page) if (message.thread_id === parentId && message.channel_id === channelId) replies.push(message);
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) break;
    after = last.id;
  }
  return replies;
}

/** Reloads the threads a READY rebuild carried over (their replies may have changed meanwhile). */
export function reloadThreads(ctx: StateContext, conn: ServerConnection, parentIds: readonly string[]): Promise<void>[] {
  const reloads: Promise<void>[] = [];
  for (const parentId of parentIds) {
    const thread = conn.cache.threads.get(parentId);
    if (!thread) continue;
    reloads.push(
      loadThreadReplies(ctx, conn, thread.channelId, parentId).then(
        () => undefined,
        (error: unknown) => ctx.logger.warn(`accordkit store: reloading thread ${parentId} failed`, { error: describeError(error) }),
      ),
    );
  }
  return reloads;
}
