import { parseChannel, type Channel } from '../../models/channel.js';
import type * as B from '../bodies.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

export const channelEndpoints = endpoints({
  listSpaceChannels(spaceId: string): Promise<Channel[]> {
    return this[REST_CALLER].list(parseChannel, 'channel', 'GET', { path: `/spaces/${seg(spaceId)}/channels` });
  },

  createChannel(spaceId: string, body: B.CreateChannelBody): Promise<Channel> {
    return this[REST_CALLER].one(parseChannel, 'channel', 'POST', { path: `/spaces/${seg(spaceId)}/channels`, body });
  },

  /** Returns every channel of the space in its new order. */
  reorderChannels(spaceId: string, positions: B.PositionUpdate[]): Promise<Channel[]> {
    return this[REST_CALLER].list(parseChannel, 'channel', 'PATCH', { path: `/spaces/${seg(spaceId)}/channels`, body: positions });
  },

  getChannel(channelId: string): Promise<Channel> {
    return this[REST_CALLER].one(parseChannel, 'channel', 'GET', { path: `/channels/${seg(channelId)}` });
  },

  updateChannel(channelId: string, body: B.UpdateChannelBody): Promise<Channel> {
    return this[REST_CALLER].one(parseChannel, 'channel', 'PATCH', { path: `/channels/${seg(channelId)}`, body });
  },

  /** Deletes a space channel; for a DM or group DM this leaves it. */
  async deleteChannel(channelId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/channels/${seg(channelId)}` });
  },

  async triggerTyping(channelId: string, threadId?: string): Promise<void> {
    const body = threadId === undefined ? {} : { thread_id: threadId };
    await this[REST_CALLER].call('POST', { path: `/channels/${seg(channelId)}/typing`, body });
  },
});

export type ChannelEndpoints = typeof channelEndpoints;
