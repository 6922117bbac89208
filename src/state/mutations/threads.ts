import type { Message } from '../../models/index.js';
import { compareIds } from '../ids.js';
import type { ConnectionCache } from '../connection-cache.js';
import { ThreadState } from '../thread-state.js';

/** What became of a live thread reply. */
export type ReplyPlacement = 'added' | 'duplicate' | 'untracked';

/**
 * Puts a live reply (`thread_id` set) into its thread, never into the channel's list. A thread
 * is tracked once loaded, once a reply is sent into it, or while its parent is cached; replies
 * to other threads are not kept (loadThread brings them), which bounds what a busy server costs.
 */
export function addThreadReply(cache: ConnectionCache, message: Message, parentId: string, cap: number): ReplyPlacement {
  let thread = cache.threads.get(parentId);
  if (!thread) {
    const parent = cache.messages.get(message.channel_id)?.get(parentId);
    if (!parent) return 'untracked';
    thread = new ThreadState(message.channel_id, parent);
    cache.threads.set(parentId, thread);
  }
  return thread.replies.push(message, cap) ? 'added' : 'duplicate';
}

/** A reply that mentions me: the channel's mention count (a reply alone does not make it unread). */
export function countThreadMention(cache: ConnectionCache, channelId: string): void {
  cache.mentions.set(channelId, (cache.mentions.get(channelId) ?? 0) + 1);
}

/** Removes a reply from whichever thread holds it; returns that thread's parent id, or null. */
export function removeThreadReply(cache: ConnectionCache, id: string): string | null {
  for (const [parentId, thread] of cache.threads) if (thread.replies.remove(id)) return parentId;
  return null;
}

/**
 * A thread's replies over REST become the whole thread: the page plus the replies that arrived
 * live meanwhile, minus those deleted meanwhile, oldest first, all kept (`loaded`).
 */
export function applyThreadPage(thread: ThreadState, page: readonly Message[], deleted: ReadonlySet<string>, heldBefore: ReadonlySet<string>): void {
  const byId = new Map<string, Message>();
  for (const message of page) if (!deleted.has(message.id)) byId.set(message.id, message);
  // A reply that arrived live during the load may be newer than the page: it stays. One held
  // before the load (say, across a READY rebuild) is confirmed or refuted by the page.
  for (const message of thread.replies.toArray()) {
    if (!deleted.has(message.id) && !heldBefore.has(message.id)) byId.set(message.id, message);
  }
  const all = Array.from(byId.values()).sort((a, b) => compareIds(a.id, b.id));
  thread.replies.reset(all, Number.MAX_SAFE_INTEGER, true);
  thread.replies.atStart = true;
  thread.loaded = true;
}

/**
 * The thread view closed: the thread stops holding every reply. It stays tracked (newest
 * `cap` replies) while its parent is cached in the channel; otherwise it is dropped.
 */
export function closeThread(cache: ConnectionCache, parentId: string, cap: number): boolean {
  const thread = cache.threads.get(parentId);
  if (!thread) return false;
  thread.loaded = false;
  if (!cache.messages.get(thread.channelId)?.has(parentId)) cache.threads.delete(parentId);
  else thread.replies.trim(cap);
  return true;
}

/**
 * A READY rebuild keeps the loaded threads of channels that still exist (a thread view keeps
 * showing them) until their reload; returns their parent ids.
 */
export function carryLoadedThreads(previous: ReadonlyMap<string, ThreadState>, cache: ConnectionCache): string[] {
  const carried: string[] = [];
  for (const [parentId, thread] of previous) {
    if (!thread.loaded || !cache.isKnownChannel(thread.channelId)) continue;
    cache.threads.set(parentId, thread);
    carried.push(parentId);
  }
  return carried;
}
