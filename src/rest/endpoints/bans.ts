import { parseBan, type Ban } from '../../models/moderation.js';
import type * as B from '../bodies.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

export const banEndpoints = endpoints({
  listBans(spaceId: string): Promise<Ban[]> {
    return this[REST_CALLER].list(parseBan, 'ban', 'GET', { path: `/spaces/${seg(spaceId)}/bans` });
  },

  getBan(spaceId: string, userId: string): Promise<Ban> {
    return this[REST_CALLER].one(parseBan, 'ban', 'GET', { path: `/spaces/${seg(spaceId)}/bans/${seg(userId)}` });
  },

  /** The returned Ban carries `deleted_message_count`. */
  banMember(spaceId: string, userId: string, body: B.BanBody = {}): Promise<Ban> {
    return this[REST_CALLER].one(parseBan, 'ban', 'PUT', { path: `/spaces/${seg(spaceId)}/bans/${seg(userId)}`, body });
  },

  async unbanMember(spaceId: string, userId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/spaces/${seg(spaceId)}/bans/${seg(userId)}` });
  },
});

export type BanEndpoints = typeof banEndpoints;
