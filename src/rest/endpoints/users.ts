import { parseUser, type User } from '../../models/user.js';
import { parseSpace, type Space } from '../../models/space.js';
import { parseChannel, type Channel } from '../../models/channel.js';
import { modelParser } from '../../models/model-parser.js';
import { UnreadChannelSchema, type UnreadChannel } from '../../models/ready.js';
import type * as B from '../bodies.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

const parseUnread = modelParser(UnreadChannelSchema, { requiredIds: ['channel_id'] });

/** The current user, other users, DMs and read states. */
export const userEndpoints = endpoints({
  getCurrentUser(): Promise<User> {
    return this[REST_CALLER].one(parseUser, 'user', 'GET', { path: '/users/@me' });
  },

  /** Self → private User; anyone else → PublicUser (no private fields). */
  getUser(userId: string): Promise<User> {
    return this[REST_CALLER].one(parseUser, 'user', 'GET', { path: `/users/${seg(userId)}` });
  },

  updateCurrentUser(body: B.UpdateCurrentUserBody): Promise<User> {
    return this[REST_CALLER].one(parseUser, 'user', 'PATCH', { path: '/users/@me', body });
  },

  listCurrentUserSpaces(): Promise<Space[]> {
    return this[REST_CALLER].list(parseSpace, 'space', 'GET', { path: '/users/@me/spaces' });
  },

  /** DM and group-DM channels, each with `recipients`. */
  listDmChannels(): Promise<Channel[]> {
    return this[REST_CALLER].list(parseChannel, 'channel', 'GET', { path: '/users/@me/channels' });
  },

  /** Opens (or reuses, for one recipient) a DM; pass several ids for a group DM. */
  createDmChannel(recipients: string | string[]): Promise<Channel> {
    const body: B.CreateDmBody = typeof recipients === 'string' ? { recipient_id: recipients } : { recipients };
    return this[REST_CALLER].one(parseChannel, 'channel', 'POST', { path: '/users/@me/channels', body });
  },

  listReadStates(): Promise<UnreadChannel[]> {
    return this[REST_CALLER].list(parseUnread, 'read state', 'GET', { path: '/users/@me/read-states' });
  },

  /** `POST /channels/{id}/ack`: marks the channel read up to `messageId`. */
  async ackMessage(channelId: string, messageId: string): Promise<void> {
    await this[REST_CALLER].call('POST', { path: `/channels/${seg(channelId)}/ack`, body: { message_id: messageId } });
  },
});

export type UserEndpoints = typeof userEndpoints;
