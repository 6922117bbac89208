import type { UnreadChannel } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';

/** The channel is read here (the UI shows it): unread and mentions cleared. */
export function markRead(cache: ConnectionCache, channelId: string): void {
  cache.unread.delete(channelId);
  cache.mentions.delete(channelId);
}

/**
 * Another session of mine read the channel: read, with the server's remaining mention count.
 * Returns whether the channel's unread state changed.
 */
export function applyAck(cache: ConnectionCache, channelId: string, mentionCount: number): boolean {
  const changed = cache.unread.delete(channelId) || cache.mentions.has(channelId);
  if (mentionCount > 0) cache.mentions.set(channelId, mentionCount);
  else cache.mentions.delete(channelId);
  return changed;
}

/**
 * A read state from REST. Only adds: a channel an event marked meanwhile stays marked, and a
 * mention count never drops. Returns whether the channel's unread state changed.
 */
export function addServerUnread(cache: ConnectionCache, entry: UnreadChannel): boolean {
  const channelId = entry.channel_id;
  const wasUnread = cache.unread.has(channelId);
  cache.unread.add(channelId);
  const mentions = cache.mentions.get(channelId) ?? 0;
  if (entry.mention_count > mentions) cache.mentions.set(channelId, entry.mention_count);
  return !wasUnread || entry.mention_count > mentions;
}

export function setMuted(cache: ConnectionCache, channelId: string, muted: boolean): void {
  if (muted) cache.mutes.add(channelId);
  else cache.mutes.delete(channelId);
}
