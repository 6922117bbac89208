import type { Ban, Invite, Member, Message, Presence, Relationship, Role, Space, VoiceServerUpdate, VoiceSignalEventData, VoiceState } from '../models/index.js';
import { GatewayIntents } from '../protocol/index.js';
import { systemClock, type Clock } from '../util/clock.js';
import { TypedEmitter } from '../util/emitter.js';
import { safeLogger, type Logger } from '../util/logger.js';
import { presenceOf, relationshipsOf, userOf } from './account-reads.js';
import { ServerConnection } from './connection.js';
import { createAccordClient } from './default-client.js';
import { describeError, type StateContext } from './context.js';
import { collapseClosedHistory, hasOlder, loadOlder, trimHistory } from './actions/history.js';
import { reapplyPresence, setPresence } from './actions/presence.js';
import { closeThread, loadThread, threadMessages } from './actions/threads.js';
import { sendTyping } from './actions/typing.js';
import { typingNames } from './handlers/thread-typing.js';
import type { Activity, PresenceStatus } from '../protocol/index.js';
import { isAuthFailure } from './loaders/escalation.js';
import { eventHandlers, onDisconnected, onLost, onReconnecting, stopAllTyping } from './handlers/index.js';
import { Handovers } from './handover.js';
import { compareIds } from './ids.js';
import { refreshMessages } from './loaders/messages.js';
import { loadBans, loadInvites } from './loaders/moderation.js';
import { markRead } from './mutations/read-states.js';
import { Routing } from './routing.js';
import type { StoreClientEvents } from './store-client.js';
import type {
  AccordStoreOptions,
  AddServerOptions,
  DmCall,
  StoreChannel,
  StoreSignalName,
  StoreSignals,
  StoreUser,
  VoiceSessionHandler,
} from './types.js';
import { STORE_SIGNAL_NAMES } from './types.js';

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The state engine: one ServerConnection per account, every gateway event applied to the caches
 * of the connection it arrived on, then a camelCase signal for the UI. Reads return current state.
 *
 * A thin facade: reads, signals and connection management. Handlers (handlers/) and REST
 * fill-ins (loaders/) get a narrow StateContext, never the store; both change the caches only
 * through mutations/ (or ConnectionCache's own methods, which keep its indexes and routing).
 */
export class AccordStore extends TypedEmitter<StoreSignals> {
  readonly messageCap: number;
  readonly typingTimeoutMs: number;
  private readonly options: AccordStoreOptions;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly routing: Routing<ServerConnection>;
  private readonly live: ServerConnection[] = [];
  private nextIndex = 0;
  private current: string | null = null;
  private voiceSessionHandler: VoiceSessionHandler | null = null;
  private readonly ctx: StateContext;

  constructor(options: AccordStoreOptions = {}) {
    super();
    this.options = options;
    this.messageCap = Math.max(1, Math.floor(options.messageCap ?? 50));
    this.typingTimeoutMs = options.typingTimeoutMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
    this.logger = safeLogger(options.logger);
    this.ctx = this.createContext();
    this.routing = new Routing<ServerConnection>(
      new Handovers(this.ctx, (h) => (h.kind === 'space' ? this.routing.spaces : this.routing.channels).get(h.id)),
    );
  }

  // ---- connections ----

  /** Connects one account; `conn.ready` resolves when its first READY is in the caches. */
  addServer(options: AddServerOptions): ServerConnection {
    const factory = options.clientFactory ?? createAccordClient;
    const WebSocket = options.WebSocket ?? this.options.WebSocket;
    const client = factory({
      baseUrl: options.baseUrl,
      token: options.token,
      tokenType: options.tokenType ?? 'Bearer',
      intents: options.intents ?? this.options.intents ?? GatewayIntents.all(),
      ...(options.gatewayUrl !== undefined ? { gatewayUrl: options.gatewayUrl } : {}),
      ...(options.maxReconnectAttempts !== undefined ? { maxReconnectAttempts: options.maxReconnectAttempts } : {}),
      ...(WebSocket !== undefined ? { WebSocket } : {}),
      ...(this.options.clock !== undefined ? { clock: this.options.clock } : {}),
      ...(this.options.logger !== undefined ? { logger: this.options.logger } : {}),
    });
    const conn = new ServerConnection(this.nextIndex++, client, this.routing);
    conn.onStatusChange = (changed, status) => this.emit('connectionChanged', changed.index, status);
    this.live.push(conn);
    this.attach(conn);
    client.login().catch((error: unknown) => {
      if (conn.removed || conn.readyCount > 0) return;
      conn.status = 'error';
      if (isAuthFailure(error)) this.emit('reauthNeeded', conn.index);
      conn.rejectReady(error);
    });
    return conn;
  }

  /** Disconnects the account and drops its data and timers. */
  async removeServer(conn: ServerConnection): Promise<void> {
    const at = this.live.indexOf(conn);
    if (at < 0 || conn.removed) return;
    this.live.splice(at, 1);
    conn.removed = true;
    conn.generation++;
    for (const detach of conn.detachers.splice(0)) detach();
    stopAllTyping(this.ctx, conn);
    const hadDms = conn.cache.dmChannels.size > 0;
    conn.cache.clear();
    conn.status = 'disconnected';
    conn.rejectReady(new Error('connection removed before READY'));
    this.emit('spacesUpdated');
    if (hadDms) this.emit('dmChannelsUpdated');
    try {
      await conn.client.logout();
    } catch (error) {
      this.logger.warn('accordkit store: logout failed', { error: describeError(error) });
    }
  }

  /** Removes every connection. */
  async close(): Promise<void> {
    await Promise.all(this.live.slice().map((conn) => this.removeServer(conn)));
  }

  get connections(): readonly ServerConnection[] {
    return this.live;
  }

  /** The user of the first connection. */
  get currentUser(): StoreUser | null {
    return this.live[0]?.user ?? null;
  }

  /** The channel the UI shows: its messages count as read. Setting it clears its unread state. */
  get currentChannelId(): string | null {
    return this.current;
  }

  set currentChannelId(channelId: string | null) {
    this.current = channelId;
    collapseClosedHistory(this.ctx, this.live, channelId);
    if (channelId === null) return;
    for (const conn of this.live) markRead(conn.cache, channelId);
  }

  /** Where `voice.signal` payloads go (media is the application's). */
  setVoiceSessionHandler(handler: VoiceSessionHandler | null): void {
    this.voiceSessionHandler = handler;
  }

  // ---- reads ----

  /** A cached user (of several accounts, from one that shares a space with them). */
  user(id: string): StoreUser | undefined {
    return userOf(this.live, id);
  }

  space(id: string): Space | undefined {
    return this.routing.spaces.get(id)?.cache.spaces.get(id);
  }

  /** Each space once (one two accounts share is read from the one it is routed to). */
  spaces(): Space[] {
    const out: Space[] = [];
    for (const conn of this.live) for (const space of conn.cache.spaces.values()) if (conn.cache.routes(space.id)) out.push(space);
    return out;
  }

  /** The connection a space is routed to (of two accounts that share it: the one added first). */
  connectionOfSpace(spaceId: string): ServerConnection | undefined {
    return this.routing.spaces.get(spaceId);
  }

  channel(id: string): StoreChannel | undefined {
    return this.routing.channels.get(id)?.cache.channel(id);
  }

  /** A space's channels by position. */
  channels(spaceId: string): StoreChannel[] {
    const cache = this.routing.spaces.get(spaceId)?.cache;
    if (!cache) return [];
    const out: StoreChannel[] = [];
    for (const id of cache.spaceChannels.get(spaceId) ?? []) {
      const channel = cache.channels.get(id);
      if (channel) out.push(channel);
    }
    return out.sort((a, b) => a.position - b.position || compareIds(a.id, b.id));
  }

  /** DM and group-DM channels, most recent activity first. */
  dmChannels(): StoreChannel[] {
    const out: StoreChannel[] = [];
    const routes = this.routing.channels;
    for (const conn of this.live) for (const channel of conn.cache.dmChannels.values()) if (routes.get(channel.id) === conn) out.push(channel);
    return out.sort((a, b) => {
      if (a.last_message_id === b.last_message_id) return 0;
      if (a.last_message_id === null) return 1;
      if (b.last_message_id === null) return -1;
      return compareIds(b.last_message_id, a.last_message_id);
    });
  }

  /** The connection a channel (a space's or a DM) belongs to, for acting on it with that account. */
  connectionOf(channelId: string): ServerConnection | undefined {
    return this.connFor(channelId);
  }

  members(spaceId: string): Member[] {
    const members = this.routing.spaces.get(spaceId)?.cache.members.get(spaceId);
    return members ? Array.from(members.values()) : [];
  }

  member(spaceId: string, userId: string): Member | undefined {
    return this.routing.spaces.get(spaceId)?.cache.members.get(spaceId)?.get(userId);
  }

  /** A space's roles by position (@everyone first). */
  roles(spaceId: string): Role[] {
    return this.routing.spaces.get(spaceId)?.cache.roles.get(spaceId)?.slice() ?? [];
  }

  /** Cached messages of a channel, oldest first (at most messageCap). */
  messages(channelId: string): readonly Message[] {
    return this.connFor(channelId)?.cache.messages.get(channelId)?.toArray() ?? EMPTY;
  }

  message(id: string): Message | undefined {
    for (const conn of this.live) {
      const message = conn.cache.findMessage(id);
      if (message) return message;
    }
    return undefined;
  }

  voiceStates(channelId: string): VoiceState[] {
    const states = this.connFor(channelId)?.cache.voiceByChannel.get(channelId);
    return states ? Array.from(states.values()) : [];
  }

  /** The friends list (friends, blocked, pending) of one connection, or of all (first one wins per user). */
  relationships(connIndex?: number): Relationship[] {
    return relationshipsOf(this.live, connIndex);
  }

  /** A user's last presence: the shown status, activities and client_status. */
  presence(userId: string): Presence | undefined {
    return presenceOf(this.live, userId);
  }

  /** A DM's call: who rang, who declined, whether it was cancelled or ended. */
  call(channelId: string): DmCall | undefined {
    return this.connFor(channelId)?.cache.calls.get(channelId);
  }

  voiceServer(connIndex: number): VoiceServerUpdate | null {
    return this.live.find((conn) => conn.index === connIndex)?.cache.voiceServer ?? null;
  }

  /** Cached bans; the first ask loads them over REST and emits bansUpdated when they arrive. */
  bans(spaceId: string): Ban[] {
    const conn = this.routing.spaces.get(spaceId);
    if (!conn) return [];
    if (conn.cache.bans.needsLoad(spaceId)) void loadBans(this.ctx, conn, spaceId);
    return conn.cache.bans.list(spaceId);
  }

  /** Cached invites; the first ask loads them over REST and emits invitesUpdated when they arrive. */
  invites(spaceId: string): Invite[] {
    const conn = this.routing.spaces.get(spaceId);
    if (!conn) return [];
    if (conn.cache.invites.needsLoad(spaceId)) void loadInvites(this.ctx, conn, spaceId);
    return conn.cache.invites.list(spaceId);
  }

  isUnread(channelId: string): boolean {
    return this.connFor(channelId)?.cache.unread.has(channelId) ?? false;
  }

  mentionCount(channelId: string): number {
    return this.connFor(channelId)?.cache.mentions.get(channelId) ?? 0;
  }

  isMuted(channelId: string): boolean {
    return this.connFor(channelId)?.cache.mutes.has(channelId) ?? false;
  }

  /** A thread's cached replies, oldest first (replies never enter `messages(channelId)`). */
  threadMessages(parentId: string): readonly Message[] {
    return threadMessages(this.live, parentId);
  }

  /** Display names of those typing in a thread now (`typing.start` with its `thread_id`). */
  typingIn(threadId: string): string[] {
    const now = this.clock.now();
    for (const conn of this.live) {
      const names = typingNames(conn, threadId, now);
      if (names.length > 0) return names;
    }
    return [];
  }

  /** Whether loadOlder may add older messages (false for DMs and at the channel's start). */
  hasOlder(channelId: string): boolean {
    return hasOlder(this.connFor(channelId), channelId);
  }

  // ---- actions ----

  /**
   * Prepends up to `limit` older top-level messages (space channels, via search) and resolves
   * with those added, oldest first. The channel then holds them past messageCap until it is
   * collapsed: when `currentChannelId` moves to another channel, or by `trimHistory`.
   */
  loadOlder(channelId: string, limit = 50): Promise<readonly Message[]> {
    return loadOlder(this.ctx, this.connFor(channelId), channelId, limit);
  }

  /** The view is back at the newest messages: the channel shrinks back to messageCap. */
  trimHistory(channelId: string): void {
    trimHistory(this.ctx, this.connFor(channelId), channelId);
  }

  /** Loads every reply of a thread (oldest first); it then stays current live until closeThread. */
  loadThread(parentId: string): Promise<readonly Message[]> {
    return loadThread(this.ctx, this.live, parentId);
  }

  /** The thread view closed: the thread stops holding every reply. */
  closeThread(parentId: string): void {
    closeThread(this.ctx, this.live, parentId);
  }

  /** POST /typing for the channel (or a thread in it), at most once per 8 s however often called. */
  sendTyping(channelId: string, threadId?: string): Promise<void> {
    return sendTyping(this.ctx, this.connFor(channelId), channelId, threadId);
  }

  /** Op 8 on each connection; `currentUser.status` follows. */
  setPresence(status: PresenceStatus, activity?: Activity | null): Promise<void> {
    return setPresence(this.ctx, this.live, status, activity ?? null);
  }


  /** Loads the newest messages of a channel over REST into its cache (emits messagesUpdated). */
  async fetchMessages(channelId: string): Promise<readonly Message[]> {
    const conn = this.connFor(channelId);
    if (!conn) return EMPTY;
    await refreshMessages(this.ctx, conn, channelId);
    return this.messages(channelId);
  }

  /** Joins a voice channel through the owning connection's gateway (op 9). */
  joinVoice(channelId: string, flags: { selfMute?: boolean; selfDeaf?: boolean; selfVideo?: boolean; selfStream?: boolean } = {}): void {
    const conn = this.connFor(channelId);
    if (!conn) throw new Error(`unknown channel ${channelId}`);
    conn.client.gateway.updateVoiceState({ spaceId: conn.cache.channel(channelId)?.space_id ?? null, channelId, ...flags });
  }

  /** Leaves voice on every connection where I am in a channel; the leave reads as mine. */
  leaveVoice(): void {
    for (const conn of this.live) {
      const state = conn.cache.voiceByUser.get(conn.userId);
      if (!state?.channel_id) continue;
      conn.leavingVoiceChannel = state.channel_id;
      conn.client.gateway.updateVoiceState({ spaceId: state.space_id, channelId: null });
    }
  }

  // ---- internals ----

  private connFor(channelId: string): ServerConnection | undefined {
    const routed = this.routing.channels.get(channelId);
    if (routed) return routed;
    for (const conn of this.live) if (conn.cache.messages.has(channelId)) return conn;
    return undefined;
  }

  /** Listens to the connection's client (its StoreClient port) and routes each event to its handler. */
  private attach(conn: ServerConnection): void {
    const client = conn.client;
    const ctx = this.ctx;
    const listen = <E extends keyof StoreClientEvents>(event: E, listener: (...args: StoreClientEvents[E]) => void): void => {
      client.on(event, listener);
      conn.detachers.push(() => client.off(event, listener));
    };
    for (const [name, handler] of eventHandlers) {
      listen(name, (data: unknown) => {
        if (conn.removed) return;
        try {
          handler(ctx, conn, data);
        } catch (error) {
          this.logger.error(`accordkit store: handler for '${name}' threw`, { error: describeError(error) });
        }
      });
    }
    listen('disconnected', (code, reason) => {
      if (!conn.removed) onDisconnected(ctx, conn, code, reason);
    });
    listen('lost', (code, reason) => {
      if (!conn.removed) onLost(ctx, conn, code, reason);
    });
    listen('reconnecting', (attempt, max) => {
      if (!conn.removed) onReconnecting(ctx, conn, attempt, max);
    });
    listen('recovered', (recovery) => {
      if (!conn.removed && recovery.kind === 'reidentified') reapplyPresence(ctx, conn);
    });
  }

  /** The port handlers and loaders get: options, clock, logger, the current channel, signals. */
  private createContext(): StateContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const store = this;
    // Most signals of a busy connection have no listener: asking first skips the emit call and
    // its argument list (rest array, spread) on every event. The question is a property read of
    // the signal's live listener set, not a Map lookup; `apply(arguments)` forwards exactly the
    // arguments given without gathering them into an array of our own.
    const listening = {} as Record<StoreSignalName, ReadonlySet<unknown>>;
    for (const name of STORE_SIGNAL_NAMES) listening[name] = this.listenerSet(name);
    const emit = function (event: StoreSignalName): void {
      if (listening[event].size === 0) return;
      // eslint-disable-next-line prefer-rest-params
      Reflect.apply(store.emit, store, arguments);
    } as StateContext['emit'];
    return {
      messageCap: this.messageCap,
      typingTimeoutMs: this.typingTimeoutMs,
      clock: this.clock,
      logger: this.logger,
      get currentChannelId() {
        return store.current;
      },
      emit,
      forwardVoiceSignal: (signal: VoiceSignalEventData, conn) => {
        const handler = store.voiceSessionHandler;
        if (!handler) return;
        try {
          handler(signal, conn.index);
        } catch (error) {
          store.logger.error('accordkit store: voice session handler threw', { error: describeError(error) });
        }
      },
    };
  }
}
