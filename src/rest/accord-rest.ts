import { authorizationFor } from '../protocol/authorization.js';
import { safeLogger } from '../util/logger.js';
import type * as B from './bodies.js';
import { applicationEndpoints, type ApplicationEndpoints } from './endpoints/applications.js';
import { authCall, guestToken, sessionEndpoints, type SessionEndpoints } from './endpoints/auth.js';
import { banEndpoints, type BanEndpoints } from './endpoints/bans.js';
import { channelEndpoints, type ChannelEndpoints } from './endpoints/channels.js';
import { emojiEndpoints, type EmojiEndpoints } from './endpoints/emojis.js';
import { inviteEndpoints, type InviteEndpoints } from './endpoints/invites.js';
import { memberEndpoints, type MemberEndpoints } from './endpoints/members.js';
import { messageEndpoints, type MessageEndpoints } from './endpoints/messages.js';
import { reactionEndpoints, type ReactionEndpoints } from './endpoints/reactions.js';
import { relationshipEndpoints, type RelationshipEndpoints } from './endpoints/relationships.js';
import { roleEndpoints, type RoleEndpoints } from './endpoints/roles.js';
import { soundEndpoints, type SoundEndpoints } from './endpoints/sounds.js';
import { spaceEndpoints, type SpaceEndpoints } from './endpoints/spaces.js';
import { userEndpoints, type UserEndpoints } from './endpoints/users.js';
import { voiceEndpoints, type VoiceEndpoints } from './endpoints/voice.js';
import type { RateLimitInfo } from './rate-limit.js';
import { REST_CALLER, RestCaller, installEndpoints, transportFor, type RestClientOptions } from './rest-caller.js';

export type { RestClientOptions } from './rest-caller.js';

export type TokenType = 'Bot' | 'Bearer';

export interface AccordRestOptions extends RestClientOptions {
  /** Server origin, e.g. `http://127.0.0.1:3000`; `/api/v1` is added. */
  baseUrl: string;
  token: string;
  /** `Bearer` for user/guest tokens (default), `Bot` for application tokens. */
  tokenType?: TokenType;
}

/**
 * The endpoint methods, one interface per resource (src/rest/endpoints/); `installEndpoints` below
 * puts their implementations on AccordRest's prototype.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the members are installed on the prototype right after the class
export interface AccordRest
  extends SessionEndpoints,
    ApplicationEndpoints,
    UserEndpoints,
    RelationshipEndpoints,
    SpaceEndpoints,
    ChannelEndpoints,
    MemberEndpoints,
    RoleEndpoints,
    MessageEndpoints,
    ReactionEndpoints,
    BanEndpoints,
    InviteEndpoints,
    EmojiEndpoints,
    SoundEndpoints,
    VoiceEndpoints {}

/**
 * REST client for accordserver's `/api/v1` (docs/protocol.md §5): the envelope unwrapped, errors typed,
 * 429s waited out on the injected clock, responses parsed into the models. The token is held in
 * the transport's private state and never appears in errors, logs, `toString()` or `JSON.stringify`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class AccordRest {
  declare readonly [REST_CALLER]: RestCaller;
  readonly tokenType: TokenType;

  constructor(options: AccordRestOptions) {
    if (typeof options.token !== 'string' || options.token === '') throw new TypeError('AccordRest: token must be a non-empty string');
    const tokenType = options.tokenType ?? 'Bearer';
    if (tokenType !== 'Bot' && tokenType !== 'Bearer') throw new TypeError("AccordRest: tokenType must be 'Bot' or 'Bearer'");
    this.tokenType = tokenType;
    const transport = transportFor(options.baseUrl, authorizationFor(options.token, tokenType), options.token, options);
    const caller = new RestCaller(transport, safeLogger(options.logger, () => [options.token]));
    // Not enumerable: spreading or Object.assign-ing an AccordRest copies only `tokenType`, as before.
    Object.defineProperty(this, REST_CALLER, { value: caller, enumerable: false });
  }

  /** Server origin without `/api/v1`. */
  get baseUrl(): string {
    return this[REST_CALLER].baseUrl;
  }

  /** The last `X-RateLimit-*` headers seen (undefined before the first response carrying them). */
  get rateLimit(): RateLimitInfo | undefined {
    return this[REST_CALLER].rateLimit;
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
    return authCall(baseUrl, '/auth/register', body, options);
  }

  /** `POST /auth/login` → `{user, token}`; throws AccordMfaRequiredError when 2FA is on. */
  static async login(baseUrl: string, body: B.LoginBody, options: RestClientOptions = {}): Promise<B.AuthResult> {
    return authCall(baseUrl, '/auth/login', body, options);
  }

  /** `POST /auth/login/mfa` with the ticket from AccordMfaRequiredError. */
  static async loginMfa(baseUrl: string, body: B.MfaLoginBody, options: RestClientOptions = {}): Promise<B.AuthResult> {
    return authCall(baseUrl, '/auth/login/mfa', body, options);
  }

  /** `POST /auth/guest` (un-enveloped) → a one-hour guest token. */
  static async guest(baseUrl: string, options: RestClientOptions = {}): Promise<B.GuestToken> {
    return guestToken(baseUrl, options);
  }
}

installEndpoints(AccordRest.prototype, [
  sessionEndpoints,
  applicationEndpoints,
  userEndpoints,
  relationshipEndpoints,
  spaceEndpoints,
  channelEndpoints,
  memberEndpoints,
  roleEndpoints,
  messageEndpoints,
  reactionEndpoints,
  banEndpoints,
  inviteEndpoints,
  emojiEndpoints,
  soundEndpoints,
  voiceEndpoints,
]);
