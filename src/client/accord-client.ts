import { GatewaySocket } from '../gateway/index.js';
import type {
  ConnectResult,
  GatewaySocketEvents,
  GatewaySocketOptions,
  SessionStore,
  WebSocketConstructor,
} from '../gateway/index.js';
import type { Message, User } from '../models/index.js';
import { GatewayIntents } from '../protocol/index.js';
import type { IdentifyPresence } from '../protocol/index.js';
import { AccordRest } from '../rest/index.js';
import type { AccordRestOptions, CreateMessageBody, EditMessageBody, FetchLike, TokenType } from '../rest/index.js';
import type { Clock, RandomSource } from '../util/clock.js';
import { TypedEmitter, type Listener } from '../util/emitter.js';
import type { Logger } from '../util/logger.js';

export interface AccordClientOptions<S extends SessionStore | undefined = undefined> {
  /** Server origin, e.g. `http://127.0.0.1:3000`: REST at `/api/v1`, gateway at `/ws`. */
  baseUrl: string;
  token: string;
  /** `Bearer` for user tokens (default), `Bot` for application tokens. */
  tokenType?: TokenType;
  /** Intent names sent in IDENTIFY (default: `GatewayIntents.all()`). */
  intents?: readonly string[];
  /** WebSocket constructor: `ws` in Node and the global one in browsers by default. */
  WebSocket?: WebSocketConstructor;
  maxReconnectAttempts?: number;
  clock?: Clock;
  random?: RandomSource;
  logger?: Logger;
  /** Full gateway URL; wins over the one derived from `baseUrl`. */
  gatewayUrl?: string;
  /** fetch for REST (default `globalThis.fetch`). */
  fetch?: FetchLike;
  /** Initial presence sent in IDENTIFY. */
  presence?: IdentifyPresence;
  /**
   * Where the gateway session outlives this process (`fileSessionStore(path)` for a bot,
   * `webSessionStore(sessionStorage, key)` in a browser): `login()` RESUMEs a stored session and
   * receives what was missed; `logout()` clears it. Never holds the token.
   */
  sessionStore?: S;
  /** Passed to the GatewaySocket as is (visibility source, outbound pacing, IDENTIFY properties). */
  gateway?: Pick<GatewaySocketOptions, 'visibility' | 'outboundRateLimit' | 'properties'>;
  /** Passed to AccordRest as is. */
  rest?: Pick<AccordRestOptions, 'maxRetries' | 'maxRetryWaitMs' | 'timeoutMs'>;
}

/** The client emits exactly what its GatewaySocket emits: every wire event plus the lifecycle ones. */
export type AccordClientEvents = GatewaySocketEvents;
type EventName = keyof AccordClientEvents;

export interface LogoutOptions {
  /** Also revoke the token (`POST /auth/logout`); by default it stays valid. */
  revoke?: boolean;
  /**
   * Leave the session resumable instead of ending it: drop the socket without a Close frame and
   * keep the `sessionStore`'s session, so the next process RESUMEs it (see `GatewaySocket.suspend`).
   */
  keepSession?: boolean;
}

/**
 * One account on one accordserver: a REST client (`rest`) and a gateway connection (`gateway`).
 * Every gateway event is re-emitted under the same name with the same arguments.
 */
export class AccordClient<S extends SessionStore | undefined = undefined> extends TypedEmitter<AccordClientEvents> {
  readonly rest: AccordRest;
  readonly gateway: GatewaySocket<S>;
  #user: User | null = null;
  /** Events already piped from the gateway; each is wired once, on its first listener. */
  readonly #forwarded = new Set<EventName>();

  constructor(options: AccordClientOptions<S>) {
    super();
    const tokenType = options.tokenType ?? 'Bearer';
    this.rest = new AccordRest({
      ...options.rest,
      baseUrl: options.baseUrl,
      token: options.token,
      tokenType,
      fetch: options.fetch,
      clock: options.clock,
      logger: options.logger,
    });
    this.gateway = new GatewaySocket<S>({
      ...options.gateway,
      token: options.token,
      tokenType,
      baseUrl: options.baseUrl,
      gatewayUrl: options.gatewayUrl,
      intents: options.intents ?? GatewayIntents.all(),
      WebSocket: options.WebSocket,
      clock: options.clock,
      random: options.random,
      logger: options.logger,
      maxReconnectAttempts: options.maxReconnectAttempts,
      presence: options.presence,
      sessionStore: options.sessionStore,
    });
    // Registered before any forwarding listener, so `client.user` is current when 'ready' reaches users.
    this.gateway.on('ready', (data) => {
      this.#user = data.user;
    });
    this.gateway.on('user.update', (data) => {
      if (this.#user && data.id === this.#user.id) this.#user = { ...this.#user, ...data };
    });
  }

  /**
   * Obtains a Bearer token with `POST /auth/login` and returns a client for it (not yet connected:
   * call `login()`).
   */
  static async loginWithPassword<S extends SessionStore | undefined = undefined>(
    baseUrl: string,
    username: string,
    password: string,
    options: Omit<AccordClientOptions<S>, 'baseUrl' | 'token' | 'tokenType'> = {},
  ): Promise<AccordClient<S>> {
    const { token } = await AccordRest.login(baseUrl, { username, password }, { ...options.rest, fetch: options.fetch, clock: options.clock, logger: options.logger });
    return new AccordClient<S>({ ...options, baseUrl, token, tokenType: 'Bearer' });
  }

  /**
   * The current user from READY (or, when `login()` resumed a stored session, from
   * `GET /users/@me`), kept up to date by `user.update`; null before that and for guests.
   */
  get user(): User | null {
    return this.#user;
  }

  override on<E extends EventName>(event: E, listener: Listener<AccordClientEvents[E]>): this {
    this.#forward(event);
    return super.on(event, listener);
  }

  #forward<E extends EventName>(event: E): void {
    if (this.#forwarded.has(event)) return;
    this.#forwarded.add(event);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const client = this;
    const listeners = this.listenerSet(event);
    // A dispatch carries one argument: it goes straight to the client's held listener set, without
    // the argument array, spread and Map lookup that emit() costs per event. Anything else (the
    // lifecycle events with two) is re-emitted as given.
    const relay = function (arg: unknown): void {
      if (arguments.length === 1) client.deliverOne(listeners, event, arg);
      // eslint-disable-next-line prefer-rest-params
      else Reflect.apply(client.emit, client, [event, ...arguments]);
    };
    this.gateway.on(event, relay as Listener<AccordClientEvents[E]>);
  }

  /**
   * Connects the gateway; resolves with READY's data. With a `sessionStore` holding a session still
   * inside the server's resume window, it RESUMEs instead and resolves with null (no READY).
   */
  async login(): Promise<ConnectResult<S>> {
    const result = await this.gateway.connect();
    // A RESUMEd stored session brings no READY to say who I am: REST does (null if that fails).
    if (result === null && this.#user === null) this.#user = await this.rest.getCurrentUser().catch(() => null);
    return result;
  }

  /**
   * Closes the gateway (code 1000: the server ends the session) and clears the `sessionStore`; with
   * `{ keepSession: true }` leaves the session resumable instead. The token stays valid unless
   * `{ revoke: true }`.
   */
  async logout(options: LogoutOptions = {}): Promise<void> {
    if (options.keepSession) await this.gateway.suspend();
    else {
      this.gateway.disconnect(1000, 'logout');
      await this.gateway.flushSession();
    }
    this.#user = null;
    if (options.revoke) await this.rest.logout();
  }

  // ---- REST conveniences ----

  sendMessage(channelId: string, content: string | CreateMessageBody): Promise<Message> {
    return this.rest.createMessage(channelId, content);
  }

  editMessage(channelId: string, messageId: string, content: string | EditMessageBody): Promise<Message> {
    return this.rest.editMessage(channelId, messageId, content);
  }

  deleteMessage(channelId: string, messageId: string): Promise<void> {
    return this.rest.deleteMessage(channelId, messageId);
  }

  addReaction(channelId: string, messageId: string, emoji: string): Promise<void> {
    return this.rest.addReaction(channelId, messageId, emoji);
  }

  removeReaction(channelId: string, messageId: string, emoji: string, userId?: string): Promise<void> {
    return this.rest.removeReaction(channelId, messageId, emoji, userId);
  }

  triggerTyping(channelId: string, threadId?: string): Promise<void> {
    return this.rest.triggerTyping(channelId, threadId);
  }

  // ---- gateway ops ----

  updatePresence(...args: Parameters<GatewaySocket['updatePresence']>): Promise<void> {
    return this.gateway.updatePresence(...args);
  }

  updateVoiceState(...args: Parameters<GatewaySocket['updateVoiceState']>): Promise<void> {
    return this.gateway.updateVoiceState(...args);
  }

  requestMembers(...args: Parameters<GatewaySocket['requestMembers']>): Promise<void> {
    return this.gateway.requestMembers(...args);
  }

  sendVoiceSignal(...args: Parameters<GatewaySocket['sendVoiceSignal']>): Promise<void> {
    return this.gateway.sendVoiceSignal(...args);
  }

  override toString(): string {
    return `AccordClient(${this.rest.baseUrl}, ${this.gateway.state})`;
  }

  /** Never serializes the rest or gateway objects (they hold the credential). */
  toJSON(): { baseUrl: string; state: string; userId: string | null } {
    return { baseUrl: this.rest.baseUrl, state: this.gateway.state, userId: this.#user?.id ?? null };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
