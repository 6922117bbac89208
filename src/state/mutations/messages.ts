import type { Message } from '../../models/index.js';
import { MessageSchema } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';
import { compareIds } from '../ids.js';
import type { MessageList } from '../message-list.js';
import type { StoreChannel } from '../types.js';
import { modelMergeCounted } from './model-merge.js';

/**
 * Appends a live message to its channel's list, creating the list for a channel this connection
 * owns (DM events leak to every connection, docs/protocol.md §2.4). `dm` is the message's DM channel
 * when it has one. Returns false when the message is not this connection's or already cached.
 */
export function addMessage(cache: ConnectionCache, message: Message, dm: StoreChannel | undefined, cap: number): boolean {
  const channelId = message.channel_id;
  let list = cache.messages.get(channelId);
  if (!list) {
    const spaceId = message.space_id;
    if (!dm && !cache.isKnownChannel(channelId) && !(spaceId && cache.spaces.has(spaceId))) return false;
    list = cache.messageList(channelId);
  }
  if (!list.push(message, cap)) return false;
  shareIds(list, message);
  shareEmptyLists(message);
  return true;
}

/**
 * The one empty list a cached message's empty `mentions`, `mention_roles`, `attachments` and
 * `embeds` point at: most messages have none of them, and each empty array of its own costs ~32
 * bytes for as long as the message is cached (issue 15: heap per cached message). Frozen, as
 * every model the store hands out is read-only; `reactions` is not shared, it changes in place.
 */
const NO_ITEMS: readonly never[] = Object.freeze([]);

function shareEmptyLists(message: Message): void {
  const none = NO_ITEMS as never[];
  if (message.mentions.length === 0) message.mentions = none;
  if (message.mention_roles.length === 0) message.mention_roles = none;
  if (message.attachments.length === 0) message.attachments = none;
  if (message.embeds.length === 0) message.embeds = none;
}

/**
 * Points a newly cached message's channel and space ids at the copies its list holds (equal
 * strings, one copy): each frame's own copies then die young instead of being kept next to the
 * cache, once per message (issue 15: heap per cached message).
 */
function shareIds(list: MessageList, message: Message): void {
  const channelId = list.channelId;
  // The list is the one of message.channel_id: the two are equal.
  if (channelId === null) list.channelId = message.channel_id;
  else message.channel_id = channelId;
  const spaceId = message.space_id;
  if (spaceId === null) return;
  const shared = list.spaceId;
  if (shared === null) list.spaceId = spaceId;
  else if (shared === spaceId) message.space_id = shared;
}

/**
 * A message from someone else in a channel the UI does not show: unread (unless the channel is
 * muted), and maybe a mention. Returns whether the channel's unread state changed.
 */
export function markUnread(cache: ConnectionCache, channelId: string, mentioned: boolean): boolean {
  let changed = false;
  const mutes = cache.mutes;
  if (mutes.size === 0 || !mutes.has(channelId)) {
    const unread = cache.unread;
    if (!unread.has(channelId)) {
      unread.add(channelId);
      changed = true;
    }
  }
  if (mentioned) {
    cache.mentions.set(channelId, (cache.mentions.get(channelId) ?? 0) + 1);
    changed = true;
  }
  return changed;
}

/** The DM's newest message, for its preview and the DM list's order (a late older one is not). */
export function setDmPreview(dm: StoreChannel, message: Message): void {
  const last = dm.last_message_id;
  if (last !== null && compareIds(last, message.id) > 0) return;
  dm.last_message_id = message.id;
  dm.last_message = message;
}

// `id` is skipped: every caller found the cached message by the update's id (one string compare
// fewer per edit, issue 15).
const mergeMessage = modelMergeCounted(MessageSchema, ['id']);

/**
 * Merges an edit into the cached message. The wire always sends `reactions: null` and usually
 * `reply_count: 0` (docs/protocol.md §3.2): those never wipe what we hold. Unchanged values keep the
 * cached ones, so an edit retains only what it changed (the frame's copies die young). Returns
 * whether the cached message changed.
 */
export function mergeMessageUpdate(cached: Message, message: Message): boolean {
  const keepReactions = message.reactions === null;
  const keepReplyCount = message.reply_count === 0 && cached.reply_count > 0;
  const reactions = cached.reactions;
  const replyCount = cached.reply_count;
  let writes = mergeMessage(cached, message);
  // A kept field the merge overwrote is put back: that write was not a change.
  if (keepReactions && cached.reactions !== reactions) {
    cached.reactions = reactions;
    writes--;
  }
  if (keepReplyCount && cached.reply_count !== replyCount) {
    cached.reply_count = replyCount;
    writes--;
  }
  return writes !== 0;
}

/**
 * Removes a message, looked up where the event says it is and, only if not there, wherever the
 * connection holds it (as the seed's id index finds it; no walk for an id older than every list's
 * oldest, the usual delete of an uncached message). Returns the channel it left, or null when no
 * channel list held it (a thread reply is its thread's to remove).
 */
export function removeMessage(cache: ConnectionCache, channelId: string, id: string): string | null {
  const named = cache.messages.get(channelId);
  const there = named?.get(id);
  if (named !== undefined && there !== undefined) return named.removeHeld(there) ? channelId : null;
  const cached = cache.findInLists(id);
  if (cached === undefined) return null;
  const held = cached.channel_id;
  return cache.messages.get(held)?.removeHeld(cached) ? held : null;
}

/** One pass over the channel's list with an id set. Returns whether any went. */
export function removeMessages(cache: ConnectionCache, channelId: string, ids: readonly string[]): boolean {
  const list = cache.messages.get(channelId);
  if (!list || ids.length === 0) return false;
  return list.removeIds(new Set(ids)) !== 0;
}
