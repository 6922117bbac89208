import { parseSpace, type Space } from '../../models/space.js';
import type * as B from '../bodies.js';
import { expectRecord, expectString } from '../decode.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

export const spaceEndpoints = endpoints({
  getSpace(spaceIdOrSlug: string): Promise<Space> {
    return this[REST_CALLER].one(parseSpace, 'space', 'GET', { path: `/spaces/${seg(spaceIdOrSlug)}` });
  },

  /** Note: the creator's gateway session is not routed to the new space until it re-IDENTIFYs. */
  createSpace(body: B.CreateSpaceBody): Promise<Space> {
    return this[REST_CALLER].one(parseSpace, 'space', 'POST', { path: '/spaces', body });
  },

  updateSpace(spaceId: string, body: B.UpdateSpaceBody): Promise<Space> {
    return this[REST_CALLER].one(parseSpace, 'space', 'PATCH', { path: `/spaces/${seg(spaceId)}`, body });
  },

  async deleteSpace(spaceId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/spaces/${seg(spaceId)}` });
  },

  /** Joins a public space; returns its id. */
  async joinSpace(spaceIdOrSlug: string): Promise<string> {
    const { data, ctx } = await this[REST_CALLER].call('POST', { path: `/spaces/${seg(spaceIdOrSlug)}/join` });
    return expectString(expectRecord(data, 'join result', ctx), 'space_id', 'join result', ctx);
  },

  /** Un-enveloped `{count}` of guests in the space. */
  async getAnonymousCount(spaceId: string): Promise<number> {
    const { data, ctx } = await this[REST_CALLER].call('GET', { path: `/spaces/${seg(spaceId)}/anonymous-count`, enveloped: false });
    const count = expectRecord(data, 'anonymous count', ctx)['count'];
    return typeof count === 'number' ? count : 0;
  },
});

export type SpaceEndpoints = typeof spaceEndpoints;
