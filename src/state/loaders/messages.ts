import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { compareIds } from '../ids.js';
import type { JournalEntry } from '../in-flight.js';
import type { MessageList } from '../message-list.js';
import { mergeMessageUpdate } from '../mutations/messages.js';
import { attempt, stale } from './attempt.js';
import { applyReactionClear, applyReactionClearEmoji, applyReactionEvent } from './reactions.js';
import { requestUser } from './users.js';

/**
 * Replaces a channel's messages with the newest `messageCap` over REST (oldest first). The page
 * is the truth for its range: a cached message it lacks was deleted (possibly while this
 * connection was away) and goes. Message events that arrived while the page was in flight are
 * re-applied on top of it, in order (the page may predate them). Concurrent refreshes of one
 * channel share the request.
 */
export function refreshMessages(ctx: StateContext, conn: ServerConnection, channelId: string): Promise<void> {
  const inFlight = conn.inFlight;
  const running = inFlight.runningRefresh(channelId, conn.generation);
  if (running?.promise) return running.promise;
  const generation = conn.generation;
  const limit = Math.min(ctx.messageCap, 100);
  const journal = inFlight.openJournal(channelId, generation);
  journal.promise = attempt(ctx, `loading messages of ${channelId}`, async () => {
    let page: Message[];
    try {
      page = await conn.client.rest.listMessages(channelId, { limit });
    } finally {
      inFlight.closeJournal(channelId, journal);
    }
    if (stale(conn, generation) || !conn.cache.isKnownChannel(channelId)) return;
    replaceWithPage(ctx, conn, channelId, page, limit, journal.entries);
    const cache = conn.cache;
    for (const message of cache.messageList(channelId).toArray()) {
      if (!cache.users.has(message.author_id)) void requestUser(ctx, conn, message.author_id);
    }
    ctx.emit('messagesUpdated', channelId);
  });
  return journal.promise;
}

function replaceWithPage(
  ctx: StateContext,
  conn: ServerConnection,
  channelId: string,
  page: readonly Message[],
  limit: number,
  journal: readonly JournalEntry[],
): void {
  const list = conn.cache.messageList(channelId);
  const fresh = page.filter((message) => message.channel_id === channelId);
  const ids = new Set(fresh.map((message) => message.id));
  const keptOlder = keepOlderThanPage(ctx, list, fresh, ids, limit, journal);
  for (const entry of journal) {
    if (entry.kind === 'create' && !ids.has(entry.message.id)) {
      fresh.push(entry.message);
      ids.add(entry.message.id);
    }
  }
  // History paged in (loadOlder) survives a refresh that could keep it: the user may be reading it.
  const keepsHistory = keptOlder && list.holdAll;
  const reachedStart = keepsHistory && list.atStart;
  list.reset(fresh.sort((a, b) => compareIds(a.id, b.id)), ctx.messageCap, keepsHistory);
  // A short newest page is the whole channel: nothing older to page back to (hasOlder).
  if (page.length < limit || reachedStart) list.atStart = true;
  for (const entry of journal) replayEntry(ctx, conn, list, entry);
}

/**
 * A full page covers only the newest `limit` messages: older cached ones are outside its range,
 * neither confirmed nor refuted. They stay (added to `fresh`) when the cap reaches further back
 * than the page or the list holds paged-in history, and only when what was cached reaches the
 * page: otherwise messages posted while away would be missing between the two (a gap), and the
 * page alone is kept. Returns whether older messages were kept.
 */
function keepOlderThanPage(
  ctx: StateContext,
  list: MessageList,
  fresh: Message[],
  ids: Set<string>,
  limit: number,
  journal: readonly JournalEntry[],
): boolean {
  if (fresh.length < limit || (ctx.messageCap <= limit && !list.holdAll)) return false;
  const oldest = fresh.reduce((min, message) => (compareIds(message.id, min) < 0 ? message.id : min), fresh[0]?.id ?? '');
  // Creates that arrived while the page was in flight are in the list too, but say nothing about
  // how far the cache reached before.
  const createdMeanwhile = new Set(journal.flatMap((entry) => (entry.kind === 'create' ? [entry.message.id] : [])));
  const newestBefore = list.newest((message) => !createdMeanwhile.has(message.id));
  if (newestBefore === undefined || compareIds(newestBefore.id, oldest) < 0) return false;
  let kept = false;
  for (const message of list.toArray()) {
    if (compareIds(message.id, oldest) < 0 && !ids.has(message.id)) {
      fresh.push(message);
      ids.add(message.id);
      kept = true;
    }
  }
  return kept;
}

/** Re-applies one journaled event to the refreshed list (creates were merged in already). */
function replayEntry(ctx: StateContext, conn: ServerConnection, list: MessageList, entry: JournalEntry): void {
  switch (entry.kind) {
    case 'create':
      return;
    case 'update': {
      const cached = list.get(entry.message.id);
      if (cached && cached !== entry.message) mergeMessageUpdate(cached, entry.message);
      return;
    }
    case 'delete':
      if (entry.ids.length === 1) list.remove(entry.ids[0] ?? '');
      else list.removeIds(new Set(entry.ids));
      return;
    case 'reaction.add':
    case 'reaction.remove':
      return applyReactionEvent(ctx, conn, entry.data, entry.kind === 'reaction.add');
    case 'reaction.clear':
      return applyReactionClear(ctx, conn, entry.data);
    case 'reaction.clear_emoji':
      return applyReactionClearEmoji(ctx, conn, entry.data);
  }
}
