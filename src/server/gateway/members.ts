import type { GatewayData } from '../contracts.js';
import { isRecord } from './inbound.js';
import { serializeData, SharedDispatch } from './outbound.js';
import type { Session } from './session.js';

/** Members per `member.chunk` frame. */
export const MEMBER_CHUNK_SIZE = 1000;

interface MembersRequest {
  spaceId: string;
  query: string | null;
  limit: number;
  userIds: string[] | null;
  nonce: string | null;
}

function parseMembersRequest(data: unknown): MembersRequest | null {
  if (!isRecord(data) || typeof data.space_id !== 'string') return null;
  const { query, limit, user_ids: userIds, nonce } = data;
  if (query !== undefined && query !== null && typeof query !== 'string') return null;
  if (limit !== undefined && limit !== null && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0)) return null;
  if (userIds !== undefined && userIds !== null) {
    if (!Array.isArray(userIds)) return null;
    for (const id of userIds) if (typeof id !== 'string') return null;
  }
  if (nonce !== undefined && nonce !== null && typeof nonce !== 'string') return null;
  return {
    spaceId: data.space_id,
    query: query ?? null,
    limit: limit ?? 0,
    userIds: (userIds as string[] | null | undefined) ?? null,
    nonce: nonce ?? null,
  };
}

/**
 * SUPERSET op 10 REQUEST_MEMBERS -> `member.chunk` to the requesting session only (seq-stamped,
 * `members` intent): `{space_id, members: Member[] (with embedded user), chunk_index, chunk_count,
 * not_found?, nonce?}`. Returns the number of chunks sent.
 */
export function handleRequestMembers(data: GatewayData, session: Session, raw: unknown): number {
  const request = parseMembersRequest(raw);
  if (request === null || !session.spaceIds.has(request.spaceId)) return 0;
  if (!session.intents.has('members') || !data.spaceMembers) return 0;

  let members = data.spaceMembers(request.spaceId);
  let notFound: string[] | null = null;
  if (request.userIds !== null) {
    const wanted = new Set(request.userIds);
    members = members.filter((member) => wanted.has(memberUserId(member)));
    const found = new Set(members.map(memberUserId));
    notFound = [...wanted].filter((id) => !found.has(id));
  }
  if (request.query !== null && request.query !== '') {
    const query = request.query.toLowerCase();
    members = members.filter((member) => memberMatches(member, query));
  }
  if (request.limit > 0) members = members.slice(0, request.limit);

  const chunkCount = Math.max(1, Math.ceil(members.length / MEMBER_CHUNK_SIZE));
  for (let index = 0; index < chunkCount; index += 1) {
    const chunk: Record<string, unknown> = {
      space_id: request.spaceId,
      members: members.slice(index * MEMBER_CHUNK_SIZE, (index + 1) * MEMBER_CHUNK_SIZE),
      chunk_index: index,
      chunk_count: chunkCount,
    };
    if (notFound !== null && index === 0) chunk.not_found = notFound;
    if (request.nonce !== null) chunk.nonce = request.nonce;
    session.deliver(new SharedDispatch('member.chunk', serializeData(chunk)));
  }
  return chunkCount;
}

function memberUserId(member: Record<string, unknown>): string {
  if (typeof member.user_id === 'string') return member.user_id;
  const user = member.user;
  return isRecord(user) && typeof user.id === 'string' ? user.id : '';
}

/** Case-insensitive prefix match on username, display name or nickname. */
function memberMatches(member: Record<string, unknown>, query: string): boolean {
  const user = isRecord(member.user) ? member.user : {};
  for (const value of [user.username, user.display_name, member.nickname]) {
    if (typeof value === 'string' && value.toLowerCase().startsWith(query)) return true;
  }
  return false;
}
