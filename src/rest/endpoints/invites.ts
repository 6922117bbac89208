import { parseInvite, type Invite } from '../../models/moderation.js';
import type * as B from '../bodies.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

export const inviteEndpoints = endpoints({
  listInvites(spaceId: string): Promise<Invite[]> {
    return this[REST_CALLER].list(parseInvite, 'invite', 'GET', { path: `/spaces/${seg(spaceId)}/invites` });
  },

  listChannelInvites(channelId: string): Promise<Invite[]> {
    return this[REST_CALLER].list(parseInvite, 'invite', 'GET', { path: `/channels/${seg(channelId)}/invites` });
  },

  createInvite(spaceId: string, body: B.CreateInviteBody = {}): Promise<Invite> {
    return this[REST_CALLER].one(parseInvite, 'invite', 'POST', { path: `/spaces/${seg(spaceId)}/invites`, body });
  },

  createChannelInvite(channelId: string, body: B.CreateInviteBody = {}): Promise<Invite> {
    return this[REST_CALLER].one(parseInvite, 'invite', 'POST', { path: `/channels/${seg(channelId)}/invites`, body });
  },

  getInvite(code: string): Promise<Invite> {
    return this[REST_CALLER].one(parseInvite, 'invite', 'GET', { path: `/invites/${seg(code)}` });
  },

  async deleteInvite(code: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/invites/${seg(code)}` });
  },

  acceptInvite(code: string): Promise<Invite> {
    return this[REST_CALLER].one(parseInvite, 'invite', 'POST', { path: `/invites/${seg(code)}/accept` });
  },
});

export type InviteEndpoints = typeof inviteEndpoints;
