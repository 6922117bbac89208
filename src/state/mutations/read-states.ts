import type { UnreadChannel } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';

/**
 * The channel is read here (the UI shows it, or I marked it read): unread and mentions cleared.
 * Returns whether the channel's unread state changed.
 */
export function markRead(cache: ConnectionCache, channelId: string): boolean {
  const hadUnread = cache.unread.delete(channelId);
  const hadMentions = cache.mentions.delete(channelId);
  return hadUnread || hadMentions;
}

/**
 * Another session of mine read the channel: read, with the server's remaining mention count,
 * unless a message newer than what it read is here (`stillUnread`). Returns whether the
 * channel's unread state changed.
 */
export function applyAck(cache: ConnectionCache, channelId: string, mentionCount: number, stillUnread: boolean): boolean {
  const unreadChanged = !stillUnread && cache.unread.delete(channelId);
  const mentions = cache.mentions.get(channelId) ?? 0;
  if (mentionCount > 0) cache.mentions.set(channelId, mentionCount);
  else cache.mentions.delete(channelId);
  return unreadChanged || mentions !== mentionCount;
}

/**
 * A read state from REST. Only adds: a channel an event marked meanwhile stays marked, and a
 * mention count never drops. A muted channel never becomes unread (its mentions still count).
 * Returns whether the channel's unread state changed.
 */
export function addServerUnread(cache: ConnectionCache, entry: UnreadChannel): boolean {
  const channelId = entry.channel_id;
  let changed = false;
  if (!cache.mutes.has(channelId) && !cache.unread.has(channelId)) {
    cache.unread.add(channelId);
    changed = true;
  }
  const mentions = cache.mentions.get(channelId) ?? 0;
  if (entry.mention_count > mentions) {
    cache.mentions.set(channelId, entry.mention_count);
    changed = true;
  }
  return changed;
}

/** Mutes or unmutes; a muted channel is not unread. Returns whether the channel's unread state changed. */
export function setMuted(cache: ConnectionCache, channelId: string, muted: boolean): boolean {
  if (!muted) {
    cache.mutes.delete(channelId);
    return false;
  }
  cache.mutes.add(channelId);
  return cache.unread.delete(channelId);
}
