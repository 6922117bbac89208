import { parseUser, type User } from '../models/user.js';
import { parseSpace, type Space } from '../models/space.js';
import { parseChannel, type Channel } from '../models/channel.js';
import { parseMember, type Member } from '../models/member.js';
import { parseRole, type Role } from '../models/role.js';
import { parseMessage, type Message } from '../models/message.js';
import { parseBan, parseInvite, type Ban, type Invite } from '../models/moderation.js';
import { parseEmoji, type Emoji } from '../models/emoji.js';
import { parseSound, type Sound } from '../models/sound.js';
import { parseVoiceState, type VoiceState } from '../models/voice.js';
import { parseRelationship, type Relationship } from '../models/relationship.js';
import { modelParser, type ModelParser } from '../models/model-parser.js';
import { UnreadChannelSchema, type UnreadChannel } from '../models/ready.js';
import { authorizationFor } from '../util/authorization.js';
import { systemClock, type Clock } from '../util/clock.js';
import { safeLogger, type Logger } from '../util/logger.js';
import { decodeList, decodeOne, expectRecord, expectString, type DecodeContext } from './decode.js';
import { AccordMfaRequiredError, AccordResponseError } from './errors.js';
import type { RateLimitInfo } from './rate-limit.js';
import { RestTransport, segment as seg, type FetchLike, type PageCursor, type RestRequest, type RestResult } from './transport.js';
import type * as B from './bodies.js';

export type TokenType = 'Bot' | 'Bearer';

/** Everything but the endpoint and the credential; also what the static auth helpers accept. */
export interface RestClientOptions {
  /** Defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Time source for 429 waits and request timeouts. */
  clock?: Clock;
  logger?: Logger;
  /** How many times a 429 is retried after waiting Retry-After (default 3). */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited out; the 429 is thrown (default 60 000 ms). */
  maxRetryWaitMs?: number;
  /** A request with no response after this long fails with AccordNetworkError (default 30 000 ms). */
  timeoutMs?: number;
}

export interface AccordRestOptions extends RestClientOptions {
  /** Server origin, e.g. `http://127.0.0.1:3000`; `/api/v1` is added. */
  baseUrl: string;
  token: string;
  /** `Bearer` for user/guest tokens (default), `Bot` for application tokens. */
  tokenType?: TokenType;
}

const parseUnread = modelParser(UnreadChannelSchema, { requiredIds: ['channel_id'] });
const MEMBER_PAGE_MAX = 1000;

function transportFor(baseUrl: string, authorization: string | undefined, secret: string, options: RestClientOptions): RestTransport {
  const secrets = secret ? [secret] : [];
  return new RestTransport({
    baseUrl,
    authorization,
    secrets,
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    clock: options.clock ?? systemClock,
    logger: safeLogger(options.logger, () => secrets),
    maxRetries: options.maxRetries ?? 3,
    maxRetryWaitMs: options.maxRetryWaitMs ?? 60_000,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
}

/** `{user, token}` of register/login; `{mfa_required, ticket}` becomes AccordMfaRequiredError. */
function decodeAuth(data: unknown, ctx: DecodeContext): B.AuthResult {
  const record = expectRecord(data, 'auth result', ctx);
  if (record['mfa_required'] === true && typeof record['ticket'] === 'string') throw new AccordMfaRequiredError(record['ticket']);
  const result: B.AuthResult = {
    user: decodeOne(parseUser, record['user'], 'user', ctx),
    token: expectString(record, 'token', 'auth result', ctx),
  };
  if (record['force_password_reset'] === true) result.force_password_reset = true;
  return result;
}

/**
 * REST client for accordserver's `/api/v1` (PROTOCOL.md §5): the envelope unwrapped, errors typed,
 * 429s waited out on the injected clock, responses parsed into the models. The token is held in a
 * private field and never appears in errors, logs, `toString()` or `JSON.stringify`.
 */
export class AccordRest {
  readonly #transport: RestTransport;
  readonly #logger: Logger;
  readonly tokenType: TokenType;

  constructor(options: AccordRestOptions) {
    if (typeof options.token !== 'string' || options.token === '') throw new TypeError('AccordRest: token must be a non-empty string');
    const tokenType = options.tokenType ?? 'Bearer';
    if (tokenType !== 'Bot' && tokenType !== 'Bearer') throw new TypeError("AccordRest: tokenType must be 'Bot' or 'Bearer'");
    this.tokenType = tokenType;
    this.#transport = transportFor(options.baseUrl, authorizationFor(options.token, tokenType), options.token, options);
    this.#logger = safeLogger(options.logger, () => [options.token]);
  }

  /** Server origin without `/api/v1`. */
  get baseUrl(): string {
    return this.#transport.baseUrl;
  }

  /** The last `X-RateLimit-*` headers seen (undefined before the first response carrying them). */
  get rateLimit(): RateLimitInfo | undefined {
    return this.#transport.rateLimit;
  }

  toString(): string {
    return `AccordRest(${this.baseUrl}, ${this.tokenType})`;
  }

  toJSON(): { baseUrl: string; tokenType: TokenType } {
    return { baseUrl: this.baseUrl, tokenType: this.tokenType };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // ---- auth (no token needed) ----

  /** `POST /auth/register` → `{user, token}` (a Bearer token). */
  static async register(baseUrl: string, body: B.RegisterBody, options: RestClientOptions = {}): Promise<B.AuthResult> {
    return AccordRest.#authCall(baseUrl, '/auth/register', body, options);
  }

  /** `POST /auth/login` → `{user, token}`; throws AccordMfaRequiredError when 2FA is on. */
  static async login(baseUrl: string, body: B.LoginBody, options: RestClientOptions = {}): Promise<B.AuthResult> {
    return AccordRest.#authCall(baseUrl, '/auth/login', body, options);
  }

  /** `POST /auth/login/mfa` with the ticket from AccordMfaRequiredError. */
  static async loginMfa(baseUrl: string, body: B.MfaLoginBody, options: RestClientOptions = {}): Promise<B.AuthResult> {
    return AccordRest.#authCall(baseUrl, '/auth/login/mfa', body, options);
  }

  /** `POST /auth/guest` (un-enveloped) → a one-hour guest token. */
  static async guest(baseUrl: string, options: RestClientOptions = {}): Promise<B.GuestToken> {
    const transport = transportFor(baseUrl, undefined, '', options);
    const request: RestRequest = { path: '/auth/guest', enveloped: false };
    const result = await transport.request('POST', request);
    const ctx: DecodeContext = { logger: safeLogger(options.logger), request: { method: 'POST', path: request.path } };
    const record = expectRecord(result.data, 'guest token', ctx);
    return {
      token: expectString(record, 'token', 'guest token', ctx),
      expires_at: typeof record['expires_at'] === 'string' ? record['expires_at'] : '',
      space_id: typeof record['space_id'] === 'string' ? record['space_id'] : '',
    };
  }

  static async #authCall(baseUrl: string, path: string, body: unknown, options: RestClientOptions): Promise<B.AuthResult> {
    const transport = transportFor(baseUrl, undefined, '', options);
    const result = await transport.request('POST', { path, body });
    return decodeAuth(result.data, { logger: safeLogger(options.logger), request: { method: 'POST', path } });
  }

  /** `POST /auth/logout`: revokes this (Bearer) token. */
  async logout(): Promise<void> {
    await this.#call('POST', { path: '/auth/logout' });
  }

  /** `POST /applications` → the application and its bot token. */
  async createApplication(body: { name: string; description?: string }): Promise<B.CreateApplicationResult> {
    const { data, ctx } = await this.#call('POST', { path: '/applications', body });
    const record = expectRecord(data, 'application result', ctx);
    return {
      application: expectRecord(record['application'], 'application', ctx) as unknown as B.Application,
      token: expectString(record, 'token', 'application result', ctx),
    };
  }

  async getCurrentApplication(): Promise<B.Application> {
    const { data, ctx } = await this.#call('GET', { path: '/applications/@me' });
    return expectRecord(data, 'application', ctx) as unknown as B.Application;
  }

  /** Invalidates every earlier bot token of the application and returns the new one. */
  async resetApplicationToken(): Promise<string> {
    const { data, ctx } = await this.#call('POST', { path: '/applications/@me/reset-token' });
    return expectString(expectRecord(data, 'token result', ctx), 'token', 'token result', ctx);
  }

  // ---- users ----

  getCurrentUser(): Promise<User> {
    return this.#one(parseUser, 'user', 'GET', { path: '/users/@me' });
  }

  /** Self → private User; anyone else → PublicUser (no private fields). */
  getUser(userId: string): Promise<User> {
    return this.#one(parseUser, 'user', 'GET', { path: `/users/${seg(userId)}` });
  }

  updateCurrentUser(body: B.UpdateCurrentUserBody): Promise<User> {
    return this.#one(parseUser, 'user', 'PATCH', { path: '/users/@me', body });
  }

  listCurrentUserSpaces(): Promise<Space[]> {
    return this.#list(parseSpace, 'space', 'GET', { path: '/users/@me/spaces' });
  }

  /** DM and group-DM channels, each with `recipients`. */
  listDmChannels(): Promise<Channel[]> {
    return this.#list(parseChannel, 'channel', 'GET', { path: '/users/@me/channels' });
  }

  /** Opens (or reuses, for one recipient) a DM; pass several ids for a group DM. */
  createDmChannel(recipients: string | string[]): Promise<Channel> {
    const body: B.CreateDmBody = typeof recipients === 'string' ? { recipient_id: recipients } : { recipients };
    return this.#one(parseChannel, 'channel', 'POST', { path: '/users/@me/channels', body });
  }

  listReadStates(): Promise<UnreadChannel[]> {
    return this.#list(parseUnread, 'read state', 'GET', { path: '/users/@me/read-states' });
  }

  /** `POST /channels/{id}/ack`: marks the channel read up to `messageId`. */
  async ackMessage(channelId: string, messageId: string): Promise<void> {
    await this.#call('POST', { path: `/channels/${seg(channelId)}/ack`, body: { message_id: messageId } });
  }

  listRelationships(): Promise<Relationship[]> {
    return this.#list(parseRelationship, 'relationship', 'GET', { path: '/users/@me/relationships' });
  }

  /** type 1: send/accept a friend request; type 2: block. */
  putRelationship(userId: string, type: 1 | 2): Promise<Relationship> {
    return this.#one(parseRelationship, 'relationship', 'PUT', { path: `/users/@me/relationships/${seg(userId)}`, body: { type } });
  }

  async deleteRelationship(userId: string): Promise<void> {
    await this.#call('DELETE', { path: `/users/@me/relationships/${seg(userId)}`, enveloped: false });
  }

  // ---- spaces and channels ----

  getSpace(spaceIdOrSlug: string): Promise<Space> {
    return this.#one(parseSpace, 'space', 'GET', { path: `/spaces/${seg(spaceIdOrSlug)}` });
  }

  /** Note: the creator's gateway session is not routed to the new space until it re-IDENTIFYs. */
  createSpace(body: B.CreateSpaceBody): Promise<Space> {
    return this.#one(parseSpace, 'space', 'POST', { path: '/spaces', body });
  }

  updateSpace(spaceId: string, body: B.UpdateSpaceBody): Promise<Space> {
    return this.#one(parseSpace, 'space', 'PATCH', { path: `/spaces/${seg(spaceId)}`, body });
  }

  async deleteSpace(spaceId: string): Promise<void> {
    await this.#call('DELETE', { path: `/spaces/${seg(spaceId)}` });
  }

  /** Joins a public space; returns its id. */
  async joinSpace(spaceIdOrSlug: string): Promise<string> {
    const { data, ctx } = await this.#call('POST', { path: `/spaces/${seg(spaceIdOrSlug)}/join` });
    return expectString(expectRecord(data, 'join result', ctx), 'space_id', 'join result', ctx);
  }

  /** Un-enveloped `{count}` of guests in the space. */
  async getAnonymousCount(spaceId: string): Promise<number> {
    const { data, ctx } = await this.#call('GET', { path: `/spaces/${seg(spaceId)}/anonymous-count`, enveloped: false });
    const count = expectRecord(data, 'anonymous count', ctx)['count'];
    return typeof count === 'number' ? count : 0;
  }

  listSpaceChannels(spaceId: string): Promise<Channel[]> {
    return this.#list(parseChannel, 'channel', 'GET', { path: `/spaces/${seg(spaceId)}/channels` });
  }

  createChannel(spaceId: string, body: B.CreateChannelBody): Promise<Channel> {
    return this.#one(parseChannel, 'channel', 'POST', { path: `/spaces/${seg(spaceId)}/channels`, body });
  }

  /** Returns every channel of the space in its new order. */
  reorderChannels(spaceId: string, positions: B.PositionUpdate[]): Promise<Channel[]> {
    return this.#list(parseChannel, 'channel', 'PATCH', { path: `/spaces/${seg(spaceId)}/channels`, body: positions });
  }

  getChannel(channelId: string): Promise<Channel> {
    return this.#one(parseChannel, 'channel', 'GET', { path: `/channels/${seg(channelId)}` });
  }

  updateChannel(channelId: string, body: B.UpdateChannelBody): Promise<Channel> {
    return this.#one(parseChannel, 'channel', 'PATCH', { path: `/channels/${seg(channelId)}`, body });
  }

  /** Deletes a space channel; for a DM or group DM this leaves it. */
  async deleteChannel(channelId: string): Promise<void> {
    await this.#call('DELETE', { path: `/channels/${seg(channelId)}` });
  }

  // ---- members ----

  /** Every member of the space: follows `cursor.after` while `has_more`. */
  async listMembers(spaceId: string, options: B.ListMembersOptions = {}): Promise<Member[]> {
    const path = `/spaces/${seg(spaceId)}/members`;
    const limit = Math.min(Math.max(1, options.pageSize ?? MEMBER_PAGE_MAX), MEMBER_PAGE_MAX);
    const members: Member[] = [];
    let after: string | undefined;
    for (;;) {
      const query = { limit, after, with_user: options.withUser ? 'true' : undefined };
      const { data, cursor, ctx } = await this.#call('GET', { path, query });
      members.push(...decodeList(parseMember, data, 'member', ctx));
      if (!cursor?.has_more) return members;
      if (cursor.after === after) {
        throw new AccordResponseError(`member cursor did not advance past '${cursor.after}'`, ctx.request);
      }
      after = cursor.after;
    }
  }

  searchMembers(spaceId: string, query: string, options: { limit?: number; withUser?: boolean } = {}): Promise<Member[]> {
    const params = { query, limit: options.limit, with_user: options.withUser ? 'true' : undefined };
    return this.#list(parseMember, 'member', 'GET', { path: `/spaces/${seg(spaceId)}/members/search`, query: params });
  }

  getMember(spaceId: string, userId: string): Promise<Member> {
    return this.#one(parseMember, 'member', 'GET', { path: `/spaces/${seg(spaceId)}/members/${seg(userId)}` });
  }

  updateMember(spaceId: string, userId: string, body: B.UpdateMemberBody): Promise<Member> {
    return this.#one(parseMember, 'member', 'PATCH', { path: `/spaces/${seg(spaceId)}/members/${seg(userId)}`, body });
  }

  updateCurrentMember(spaceId: string, body: { nickname?: string | null; avatar?: string }): Promise<Member> {
    return this.#one(parseMember, 'member', 'PATCH', { path: `/spaces/${seg(spaceId)}/members/@me`, body });
  }

  async leaveSpace(spaceId: string, options: { deleteData?: boolean } = {}): Promise<void> {
    const query = { delete_data: options.deleteData === undefined ? undefined : String(options.deleteData) };
    await this.#call('DELETE', { path: `/spaces/${seg(spaceId)}/members/@me`, query });
  }

  async kickMember(spaceId: string, userId: string): Promise<void> {
    await this.#call('DELETE', { path: `/spaces/${seg(spaceId)}/members/${seg(userId)}` });
  }

  async addMemberRole(spaceId: string, userId: string, roleId: string): Promise<void> {
    await this.#call('PUT', { path: `/spaces/${seg(spaceId)}/members/${seg(userId)}/roles/${seg(roleId)}` });
  }

  async removeMemberRole(spaceId: string, userId: string, roleId: string): Promise<void> {
    await this.#call('DELETE', { path: `/spaces/${seg(spaceId)}/members/${seg(userId)}/roles/${seg(roleId)}` });
  }

  // ---- roles (no gateway events: refetch after changes) ----

  listRoles(spaceId: string): Promise<Role[]> {
    return this.#list(parseRole, 'role', 'GET', { path: `/spaces/${seg(spaceId)}/roles` });
  }

  createRole(spaceId: string, body: B.RoleBody): Promise<Role> {
    return this.#one(parseRole, 'role', 'POST', { path: `/spaces/${seg(spaceId)}/roles`, body });
  }

  updateRole(spaceId: string, roleId: string, body: B.RoleBody): Promise<Role> {
    return this.#one(parseRole, 'role', 'PATCH', { path: `/spaces/${seg(spaceId)}/roles/${seg(roleId)}`, body });
  }

  async deleteRole(spaceId: string, roleId: string): Promise<void> {
    await this.#call('DELETE', { path: `/spaces/${seg(spaceId)}/roles/${seg(roleId)}` });
  }

  reorderRoles(spaceId: string, positions: B.PositionUpdate[]): Promise<Role[]> {
    return this.#list(parseRole, 'role', 'PATCH', { path: `/spaces/${seg(spaceId)}/roles`, body: positions });
  }

  // ---- messages ----

  /**
   * Wire order: without `after` the newest page, newest first; with `after` the messages after
   * it, oldest first (PROTOCOL.md §5.4; there is no `before`).
   */
  listMessages(channelId: string, options: B.ListMessagesOptions = {}): Promise<Message[]> {
    const query = { after: options.after, limit: options.limit, thread_id: options.thread_id };
    return this.#list(parseMessage, 'message', 'GET', { path: `/channels/${seg(channelId)}/messages`, query });
  }

  /**
   * Message search, newest first, thread replies included; `cursor` in the answer is absent on an
   * empty page. With `channel_id` and `cursor` (the oldest id held) it pages back through history.
   */
  async searchMessages(spaceId: string, options: B.SearchMessagesOptions): Promise<{ messages: Message[]; cursor: PageCursor | undefined }> {
    const { data, cursor, ctx } = await this.#call('GET', { path: `/spaces/${seg(spaceId)}/messages/search`, query: { ...options } });
    return { messages: decodeList(parseMessage, data, 'message', ctx), cursor };
  }

  getMessage(channelId: string, messageId: string): Promise<Message> {
    return this.#one(parseMessage, 'message', 'GET', { path: `/channels/${seg(channelId)}/messages/${seg(messageId)}` });
  }

  createMessage(channelId: string, content: string | B.CreateMessageBody): Promise<Message> {
    const body: B.CreateMessageBody = typeof content === 'string' ? { content } : content;
    return this.#one(parseMessage, 'message', 'POST', { path: `/channels/${seg(channelId)}/messages`, body });
  }

  editMessage(channelId: string, messageId: string, content: string | B.EditMessageBody): Promise<Message> {
    const body: B.EditMessageBody = typeof content === 'string' ? { content } : content;
    return this.#one(parseMessage, 'message', 'PATCH', { path: `/channels/${seg(channelId)}/messages/${seg(messageId)}`, body });
  }

  async deleteMessage(channelId: string, messageId: string): Promise<void> {
    await this.#call('DELETE', { path: `/channels/${seg(channelId)}/messages/${seg(messageId)}` });
  }

  /** Up to 100 ids; the server sends no gateway event for this. */
  async bulkDeleteMessages(channelId: string, messageIds: string[]): Promise<void> {
    await this.#call('POST', { path: `/channels/${seg(channelId)}/messages/bulk-delete`, body: { messages: messageIds } });
  }

  // ---- reactions ----

  async addReaction(channelId: string, messageId: string, emoji: string): Promise<void> {
    await this.#call('PUT', { path: `${this.#reactionPath(channelId, messageId, emoji)}/@me` });
  }

  /** Removes the current user's reaction, or another user's (needs manage_messages). */
  async removeReaction(channelId: string, messageId: string, emoji: string, userId = '@me'): Promise<void> {
    const who = userId === '@me' ? '@me' : seg(userId);
    await this.#call('DELETE', { path: `${this.#reactionPath(channelId, messageId, emoji)}/${who}` });
  }

  /** User ids that reacted with `emoji`. */
  async listReactionUsers(channelId: string, messageId: string, emoji: string): Promise<string[]> {
    const { data, ctx } = await this.#call('GET', { path: this.#reactionPath(channelId, messageId, emoji) });
    if (!Array.isArray(data)) throw new AccordResponseError('reaction users: expected an array', ctx.request);
    return data.filter((id): id is string => typeof id === 'string');
  }

  async clearReactions(channelId: string, messageId: string): Promise<void> {
    await this.#call('DELETE', { path: `/channels/${seg(channelId)}/messages/${seg(messageId)}/reactions` });
  }

  async clearEmojiReactions(channelId: string, messageId: string, emoji: string): Promise<void> {
    await this.#call('DELETE', { path: this.#reactionPath(channelId, messageId, emoji) });
  }

  #reactionPath(channelId: string, messageId: string, emoji: string): string {
    return `/channels/${seg(channelId)}/messages/${seg(messageId)}/reactions/${seg(emoji)}`;
  }

  // ---- typing, pins ----

  async triggerTyping(channelId: string, threadId?: string): Promise<void> {
    const body = threadId === undefined ? {} : { thread_id: threadId };
    await this.#call('POST', { path: `/channels/${seg(channelId)}/typing`, body });
  }

  listPins(channelId: string): Promise<Message[]> {
    return this.#list(parseMessage, 'message', 'GET', { path: `/channels/${seg(channelId)}/pins` });
  }

  async pinMessage(channelId: string, messageId: string): Promise<void> {
    await this.#call('PUT', { path: `/channels/${seg(channelId)}/pins/${seg(messageId)}` });
  }

  async unpinMessage(channelId: string, messageId: string): Promise<void> {
    await this.#call('DELETE', { path: `/channels/${seg(channelId)}/pins/${seg(messageId)}` });
  }

  // ---- bans ----

  listBans(spaceId: string): Promise<Ban[]> {
    return this.#list(parseBan, 'ban', 'GET', { path: `/spaces/${seg(spaceId)}/bans` });
  }

  getBan(spaceId: string, userId: string): Promise<Ban> {
    return this.#one(parseBan, 'ban', 'GET', { path: `/spaces/${seg(spaceId)}/bans/${seg(userId)}` });
  }

  /** The returned Ban carries `deleted_message_count`. */
  banMember(spaceId: string, userId: string, body: B.BanBody = {}): Promise<Ban> {
    return this.#one(parseBan, 'ban', 'PUT', { path: `/spaces/${seg(spaceId)}/bans/${seg(userId)}`, body });
  }

  async unbanMember(spaceId: string, userId: string): Promise<void> {
    await this.#call('DELETE', { path: `/spaces/${seg(spaceId)}/bans/${seg(userId)}` });
  }

  // ---- invites ----

  listInvites(spaceId: string): Promise<Invite[]> {
    return this.#list(parseInvite, 'invite', 'GET', { path: `/spaces/${seg(spaceId)}/invites` });
  }

  listChannelInvites(channelId: string): Promise<Invite[]> {
    return this.#list(parseInvite, 'invite', 'GET', { path: `/channels/${seg(channelId)}/invites` });
  }

  createInvite(spaceId: string, body: B.CreateInviteBody = {}): Promise<Invite> {
    return this.#one(parseInvite, 'invite', 'POST', { path: `/spaces/${seg(spaceId)}/invites`, body });
  }

  createChannelInvite(channelId: string, body: B.CreateInviteBody = {}): Promise<Invite> {
    return this.#one(parseInvite, 'invite', 'POST', { path: `/channels/${seg(channelId)}/invites`, body });
  }

  getInvite(code: string): Promise<Invite> {
    return this.#one(parseInvite, 'invite', 'GET', { path: `/invites/${seg(code)}` });
  }

  async deleteInvite(code: string): Promise<void> {
    await this.#call('DELETE', { path: `/invites/${seg(code)}` });
  }

  acceptInvite(code: string): Promise<Invite> {
    return this.#one(parseInvite, 'invite', 'POST', { path: `/invites/${seg(code)}/accept` });
  }

  // ---- emojis ----

  listEmojis(spaceId: string): Promise<Emoji[]> {
    return this.#list(parseEmoji, 'emoji', 'GET', { path: `/spaces/${seg(spaceId)}/emojis` });
  }

  getEmoji(spaceId: string, emojiId: string): Promise<Emoji> {
    return this.#one(parseEmoji, 'emoji', 'GET', { path: `/spaces/${seg(spaceId)}/emojis/${seg(emojiId)}` });
  }

  createEmoji(spaceId: string, body: B.CreateEmojiBody): Promise<Emoji> {
    return this.#one(parseEmoji, 'emoji', 'POST', { path: `/spaces/${seg(spaceId)}/emojis`, body });
  }

  updateEmoji(spaceId: string, emojiId: string, body: { name?: string }): Promise<Emoji> {
    return this.#one(parseEmoji, 'emoji', 'PATCH', { path: `/spaces/${seg(spaceId)}/emojis/${seg(emojiId)}`, body });
  }

  async deleteEmoji(spaceId: string, emojiId: string): Promise<void> {
    await this.#call('DELETE', { path: `/spaces/${seg(spaceId)}/emojis/${seg(emojiId)}` });
  }

  // ---- soundboard ----

  listSounds(spaceId: string): Promise<Sound[]> {
    return this.#list(parseSound, 'sound', 'GET', { path: `/spaces/${seg(spaceId)}/soundboard` });
  }

  getSound(spaceId: string, soundId: string): Promise<Sound> {
    return this.#one(parseSound, 'sound', 'GET', { path: `/spaces/${seg(spaceId)}/soundboard/${seg(soundId)}` });
  }

  createSound(spaceId: string, body: B.CreateSoundBody): Promise<Sound> {
    return this.#one(parseSound, 'sound', 'POST', { path: `/spaces/${seg(spaceId)}/soundboard`, body });
  }

  updateSound(spaceId: string, soundId: string, body: B.UpdateSoundBody): Promise<Sound> {
    return this.#one(parseSound, 'sound', 'PATCH', { path: `/spaces/${seg(spaceId)}/soundboard/${seg(soundId)}`, body });
  }

  async deleteSound(spaceId: string, soundId: string): Promise<void> {
    await this.#call('DELETE', { path: `/spaces/${seg(spaceId)}/soundboard/${seg(soundId)}` });
  }

  async playSound(spaceId: string, soundId: string): Promise<void> {
    await this.#call('POST', { path: `/spaces/${seg(spaceId)}/soundboard/${seg(soundId)}/play` });
  }

  // ---- voice ----

  /** `POST /channels/{id}/voice/join` (the body is required, `{}` is fine). */
  async joinVoice(channelId: string, body: B.VoiceJoinBody = {}): Promise<B.VoiceJoinResult> {
    const { data, ctx } = await this.#call('POST', { path: `/channels/${seg(channelId)}/voice/join`, body });
    const record = expectRecord(data, 'voice join', ctx);
    return {
      voice_state: decodeOne(parseVoiceState, record['voice_state'], 'voice state', ctx),
      backend: typeof record['backend'] === 'string' ? record['backend'] : 'livekit',
      livekit_url: typeof record['livekit_url'] === 'string' ? record['livekit_url'] : null,
      token: typeof record['token'] === 'string' ? record['token'] : null,
    };
  }

  async leaveVoice(channelId: string): Promise<void> {
    await this.#call('DELETE', { path: `/channels/${seg(channelId)}/voice/leave` });
  }

  /** `GET /channels/{id}/voice-status`: who is in the voice channel now. */
  listVoiceStates(channelId: string): Promise<VoiceState[]> {
    return this.#list(parseVoiceState, 'voice state', 'GET', { path: `/channels/${seg(channelId)}/voice-status` });
  }

  /** Un-enveloped `{backend}`: `livekit` or `none`. */
  async getVoiceInfo(): Promise<string> {
    const { data, ctx } = await this.#call('GET', { path: '/voice/info', enveloped: false });
    const backend = expectRecord(data, 'voice info', ctx)['backend'];
    return typeof backend === 'string' ? backend : 'none';
  }

  // ---- plumbing ----

  async #call(method: string, request: RestRequest): Promise<RestResult & { ctx: DecodeContext }> {
    const result = await this.#transport.request(method, request);
    return { ...result, ctx: { logger: this.#logger, request: { method, path: request.path } } };
  }

  async #one<T>(parser: ModelParser<T>, what: string, method: string, request: RestRequest): Promise<T> {
    const { data, ctx } = await this.#call(method, request);
    return decodeOne(parser, data, what, ctx);
  }

  async #list<T>(parser: ModelParser<T>, what: string, method: string, request: RestRequest): Promise<T[]> {
    const { data, ctx } = await this.#call(method, request);
    return decodeList(parser, data, what, ctx);
  }
}
