import { parseMember, type Member } from '../../models/member.js';
import type * as B from '../bodies.js';
import { decodeList } from '../decode.js';
import { AccordResponseError } from '../errors.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

const MEMBER_PAGE_MAX = 1000;

export const memberEndpoints = endpoints({
  /** Every member of the space: follows `cursor.after` while `has_more`. */
  async listMembers(spaceId: string, options: B.ListMembersOptions = {}): Promise<Member[]> {
    const path = `/spaces/${seg(spaceId)}/members`;
    const limit = Math.min(Math.max(1, options.pageSize ?? MEMBER_PAGE_MAX), MEMBER_PAGE_MAX);
    const members: Member[] = [];
    let after: string | undefined;
    for (;;) {
      const query = { limit, after, with_user: options.withUser ? 'true' : undefined };
      const { data, cursor, ctx } = await this[REST_CALLER].call('GET', { path, query });
      members.push(...decodeList(parseMember, data, 'member', ctx));
      if (!cursor?.has_more) return members;
      if (cursor.after === after) {
        throw new AccordResponseError(`member cursor did not advance past '${cursor.after}'`, ctx.request);
      }
      after = cursor.after;
    }
  },

  searchMembers(spaceId: string, query: string, options: { limit?: number; withUser?: boolean } = {}): Promise<Member[]> {
    const params = { query, limit: options.limit, with_user: options.withUser ? 'true' : undefined };
    return this[REST_CALLER].list(parseMember, 'member', 'GET', { path: `/spaces/${seg(spaceId)}/members/search`, query: params });
  },

  getMember(spaceId: string, userId: string): Promise<Member> {
    return this[REST_CALLER].one(parseMember, 'member', 'GET', { path: `/spaces/${seg(spaceId)}/members/${seg(userId)}` });
  },

  updateMember(spaceId: string, userId: string, body: B.UpdateMemberBody): Promise<Member> {
    return this[REST_CALLER].one(parseMember, 'member', 'PATCH', { path: `/spaces/${seg(spaceId)}/members/${seg(userId)}`, body });
  },

  updateCurrentMember(spaceId: string, body: { nickname?: string | null; avatar?: string }): Promise<Member> {
    return this[REST_CALLER].one(parseMember, 'member', 'PATCH', { path: `/spaces/${seg(spaceId)}/members/@me`, body });
  },

  async leaveSpace(spaceId: string, options: { deleteData?: boolean } = {}): Promise<void> {
    const query = { delete_data: options.deleteData === undefined ? undefined : String(options.deleteData) };
    await this[REST_CALLER].call('DELETE', { path: `/spaces/${seg(spaceId)}/members/@me`, query });
  },

  async kickMember(spaceId: string, userId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/spaces/${seg(spaceId)}/members/${seg(userId)}` });
  },

  async addMemberRole(spaceId: string, userId: string, roleId: string): Promise<void> {
    await this[REST_CALLER].call('PUT', { path: `/spaces/${seg(spaceId)}/members/${seg(userId)}/roles/${seg(roleId)}` });
  },

  async removeMemberRole(spaceId: string, userId: string, roleId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/spaces/${seg(spaceId)}/members/${seg(userId)}/roles/${seg(roleId)}` });
  },
});

export type MemberEndpoints = typeof memberEndpoints;
