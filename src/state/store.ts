import type { Message } from '../models/index.js';
import { GatewayIntents } from '../protocol/index.js';
import { systemClock, type Clock } from '../util/clock.js';
import { safeLogger, type Logger } from '../util/logger.js';
import { deleteMessage, editMessage } from './actions/edit-delete.js';
import { reactToMessage } from './actions/reactions.js';
import { abandonSends, discardSend, retrySend, sendMessage } from './actions/send.js';
import { sendPolicy, type SendEnv } from './actions/send-queue.js';
import { attachConnection } from './attach.js';
import { ServerConnection } from './connection.js';
import { StoreReads } from './store-reads.js';
import { createAccordClient } from './default-client.js';
import { describeError, type StateContext } from './context.js';
import { createStateContext } from './store-context.js';
import { collapseClosedHistory, loadOlder, trimHistory } from './actions/history.js';
import { setPresence } from './actions/presence.js';
import { closeThread, loadThread } from './actions/threads.js';
import { sendTyping } from './actions/typing.js';
import type { Activity, PresenceStatus } from '../protocol/index.js';
import { isAuthFailure } from './loaders/escalation.js';
import { stopAllTyping } from './handlers/index.js';
import { Handovers } from './handover.js';
import { currentChannelChanged, markRead, markReadUpTo, unknownChannel } from './actions/read-state.js';
import { refreshMessages } from './loaders/messages.js';
import { Routing } from './routing.js';
import type {
  AccordStoreOptions,
  AddServerOptions,
  SendMessageOptions,
  StoreUser,
  VoiceSessionHandler,
} from './types.js';

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The state engine: one ServerConnection per account, every gateway event applied to the caches
 * of the connection it arrived on, then a camelCase signal for the UI. Reads return current state.
 *
 * A thin facade: reads, signals and connection management. Handlers (handlers/) and REST
 * fill-ins (loaders/) get a narrow StateContext, never the store; both change the caches only
 * through mutations/ (or ConnectionCache's own methods, which keep its indexes and routing).
 */
export class AccordStore extends StoreReads {
  readonly messageCap: number;
  readonly typingTimeoutMs: number;
  private readonly options: AccordStoreOptions;
  protected readonly clock: Clock;
  private readonly logger: Logger;
  protected readonly routing: Routing<ServerConnection>;
  protected readonly live: ServerConnection[] = [];
  private nextIndex = 0;
  private current: string | null = null;
  private voiceSessionHandler: VoiceSessionHandler | null = null;
  protected readonly ctx: StateContext;
  private readonly sendEnv: SendEnv;

  constructor(options: AccordStoreOptions = {}) {
    super();
    this.options = options;
    this.messageCap = Math.max(1, Math.floor(options.messageCap ?? 50));
    this.typingTimeoutMs = options.typingTimeoutMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
    this.logger = safeLogger(options.logger);
    this.ctx = createStateContext({
      messageCap: this.messageCap,
      typingTimeoutMs: this.typingTimeoutMs,
      clock: this.clock,
      logger: this.logger,
      emitter: this,
      listenerSet: (name) => this.listenerSet(name),
      currentChannelId: () => this.current,
      voiceSessionHandler: () => this.voiceSessionHandler,
    });
    this.sendEnv = { ctx: this.ctx, policy: sendPolicy(options.sendRetry) };
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
    attachConnection(this.ctx, this.sendEnv, conn, this.logger);
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
    abandonSends(this.ctx, conn);
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

  /**
   * The channel the UI shows: its messages count as read. Setting it to an unread channel marks
   * it read (here and on the server); leaving a channel acks what arrived while it was shown.
   */
  get currentChannelId(): string | null {
    return this.current;
  }

  set currentChannelId(channelId: string | null) {
    const previous = this.current;
    this.current = channelId;
    collapseClosedHistory(this.ctx, this.live, channelId);
    for (const conn of this.live) currentChannelChanged(this.ctx, conn, previous, channelId);
  }

  /** Where `voice.signal` payloads go (media is the application's). */
  setVoiceSessionHandler(handler: VoiceSessionHandler | null): void {
    this.voiceSessionHandler = handler;
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

  /**
   * Marks the channel read: at once here (unread and mentions cleared, the channel list
   * signalled), then `POST /channels/{id}/ack` of its newest message, so it stays read after a
   * reload and in my other sessions. Rejects with StoreActionError('unknown_channel') or the REST error.
   */
  markRead(channelId: string): Promise<void> {
    const conn = this.connFor(channelId);
    if (!conn) return Promise.reject(unknownChannel(channelId));
    return markRead(this.ctx, conn, channelId);
  }

  /**
   * My own message `messageId` in `channelId` was accepted: the channel is read up to it (the
   * send loop calls this after a send succeeds). Rejects with StoreActionError('unknown_channel') or the REST error.
   */
  markReadUpTo(channelId: string, messageId: string): Promise<void> {
    const conn = this.connFor(channelId);
    if (!conn) return Promise.reject(unknownChannel(channelId));
    return markReadUpTo(this.ctx, conn, channelId, messageId);
  }

  /** A pending entry at once, replaced once by the server's message (actions/send.ts); rejects as the entry fails. */
  sendMessage(channelId: string, content: string, options: SendMessageOptions = {}): Promise<Message> {
    return sendMessage(this.sendEnv, this.connFor(channelId), channelId, content, options);
  }

  /** Sends a failed send again (after the channel's other waiting sends). */
  retrySend(localId: string): Promise<Message> {
    return retrySend(this.sendEnv, this.live, localId);
  }

  /** Drops a failed or waiting send (a StoreActionError for one whose request is on its way). */
  discardSend(localId: string): void {
    discardSend(this.sendEnv, this.live, localId);
  }

  /** Edits my message: shown at once, restored if the server refuses. */
  editMessage(messageId: string, content: string): Promise<Message> {
    return editMessage(this.ctx, this.live, messageId, content);
  }

  /** Deletes a message: gone at once, back at its place if the server refuses. */
  deleteMessage(messageId: string): Promise<void> {
    return deleteMessage(this.ctx, this.live, messageId);
  }

  /** Adds my reaction: `me`/count at once, rolled back on a refusal; the echo never counts twice. */
  addReaction(messageId: string, emoji: string): Promise<void> {
    return reactToMessage(this.ctx, this.live, messageId, emoji, true);
  }

  removeReaction(messageId: string, emoji: string): Promise<void> {
    return reactToMessage(this.ctx, this.live, messageId, emoji, false);
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
}
