import type { Channel } from '../../models/index.js';
import { isDmChannelType } from '../../models/index.js';
import type { ConnectionCache } from '../connection-cache.js';
import { mergeUser } from './users.js';

/** A DM channel with its recipients (merged into the users). */
export function putDmChannel(cache: ConnectionCache, channel: Channel): void {
  for (const recipient of channel.recipients ?? []) mergeUser(cache, recipient);
  cache.setChannel(channel);
}

/** A DM channel from REST: recipients merged, the channel added unless an event added it meanwhile. */
export function addLoadedDmChannel(cache: ConnectionCache, channel: Channel): void {
  for (const recipient of channel.recipients ?? []) mergeUser(cache, recipient);
  if (!cache.dmChannels.has(channel.id)) cache.setChannel(channel);
}

/**
 * A space's channels from REST, added unless an event added them meanwhile. Returns the ids of
 * the voice channels among them (their occupants are loaded next).
 */
export function addLoadedChannels(cache: ConnectionCache, spaceId: string, channels: readonly Channel[]): string[] {
  const voiceChannelIds: string[] = [];
  for (const channel of channels) {
    if (!channel.space_id) channel.space_id = spaceId;
    if (!cache.channels.has(channel.id)) cache.setChannel(channel);
    if (channel.type === 'voice') voiceChannelIds.push(channel.id);
  }
  return voiceChannelIds;
}

/** The full, re-read channel list of a space (docs/protocol.md §3.7): channels it lacks are gone. */
export function replaceSpaceChannels(cache: ConnectionCache, spaceId: string, channels: readonly Channel[]): void {
  const incoming = new Set<string>();
  for (const channel of channels) {
    if (isDmChannelType(channel.type)) continue;
    if (!channel.space_id) channel.space_id = spaceId;
    incoming.add(channel.id);
    cache.setChannel(channel);
  }
  for (const channelId of Array.from(cache.spaceChannels.get(spaceId) ?? [])) {
    if (!incoming.has(channelId)) cache.deleteChannel(channelId);
  }
}
