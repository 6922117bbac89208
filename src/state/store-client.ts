import type {
  Ban,
  Channel,
  GatewayEventMap,
  GatewayEventName,
  Invite,
  Member,
  Message,
  ReadyData,
  Role,
  Space,
  UnreadChannel,
  User,
  VoiceState,
} from '../models/index.js';
import type { Activity, GatewayIntent, PresenceStatus } from '../protocol/index.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

import type { WebSocketConstructor } from '../client/index.js';

export type { WebSocketConstructor };

/** How a dropped connection came back (AccordClient's `recovered` event). */
export type RecoveryInfo = { kind: 'resumed'; replayed: number } | { kind: 'reidentified' };

/** Events the store listens to: every gateway event under its wire name plus the lifecycle ones. */
export type StoreClientEvents = { [K in GatewayEventName]: [data: GatewayEventMap[K]] } & {
  disconnected: [code: number, reason: string];
  /** An unexpected loss the client will retry (its close code and reason), before `reconnecting`. */
  lost: [code: number, reason: string];
  reconnecting: [attempt: number, max: number];
  recovered: [recovery: RecoveryInfo];
};

/** The REST calls the store makes (a subset of AccordRest). */
export interface StoreRest {
  getCurrentUser(): Promise<User>;
  getUser(userId: string): Promise<User>;
  getSpace(spaceId: string): Promise<Space>;
  listSpaceChannels(spaceId: string): Promise<Channel[]>;
  /** Every member of the space (all pages); `withUser` embeds each member's user. */
  listMembers(spaceId: string, options?: { withUser?: boolean }): Promise<Member[]>;
  listRoles(spaceId: string): Promise<Role[]>;
  listDmChannels(): Promise<Channel[]>;
  listBans(spaceId: string): Promise<Ban[]>;
  listInvites(spaceId: string): Promise<Invite[]>;
  /** Without `after`/`thread_id` the newest top-level page; `thread_id`: that thread's replies, oldest first. */
  listMessages(channelId: string, options?: { limit?: number; after?: string; thread_id?: string }): Promise<Message[]>;
  /** Message search, newest first, thread replies included; `cursor` pages back (docs/protocol.md §5.4). */
  searchMessages(
    spaceId: string,
    options: { channel_id?: string; cursor?: string; limit?: number },
  ): Promise<{ messages: Message[]; cursor: { after: string; has_more: boolean } | undefined }>;
  /** POST /channels/{id}/typing (optionally naming a thread). */
  triggerTyping(channelId: string, threadId?: string): Promise<void>;
  /** User ids that reacted with `emoji` (GET …/messages/{mid}/reactions/{emoji}). */
  listReactionUsers(channelId: string, messageId: string, emoji: string): Promise<string[]>;
  /** My unread channels, every space and DM (GET /users/@me/read-states). */
  listReadStates(): Promise<UnreadChannel[]>;
  /** Marks the channel read up to the message (POST /channels/{id}/ack). */
  ackMessage(channelId: string, messageId: string): Promise<void>;
  /** Who is in a voice channel (GET /channels/{id}/voice-status). */
  listVoiceStates(channelId: string): Promise<VoiceState[]>;
  // ---- writes (store actions, src/state/actions) ----
  createMessage(channelId: string, body: StoreCreateMessageBody): Promise<Message>;
  editMessage(channelId: string, messageId: string, content: string): Promise<Message>;
  deleteMessage(channelId: string, messageId: string): Promise<void>;
  /** PUT …/reactions/{emoji}/@me */
  addReaction(channelId: string, messageId: string, emoji: string): Promise<void>;
  /** DELETE …/reactions/{emoji}/@me */
  removeReaction(channelId: string, messageId: string, emoji: string): Promise<void>;
}

/** What a send posts (POST /channels/{id}/messages). */
export interface StoreCreateMessageBody {
  content: string;
  reply_to?: string;
  thread_id?: string;
}

export interface StoreVoiceStateRequest {
  spaceId: string | null;
  channelId: string | null;
  selfMute?: boolean;
  selfDeaf?: boolean;
  selfVideo?: boolean;
  selfStream?: boolean;
}

/** A source of the store's events: the connection's client. */
export interface StoreEventSource {
  on<E extends keyof StoreClientEvents>(event: E, listener: (...args: StoreClientEvents[E]) => void): unknown;
  off<E extends keyof StoreClientEvents>(event: E, listener: (...args: StoreClientEvents[E]) => void): unknown;
}

/** The outbound gateway ops the store uses. */
export interface StoreGateway {
  updateVoiceState(request: StoreVoiceStateRequest): unknown;
  /** Op 8; throws when the gateway is not connected. */
  updatePresence(status: PresenceStatus, activity?: Activity | null): unknown;
  /** 'connected' when ops can be sent. */
  readonly state: string;
}

/**
 * The subset of AccordClient the store uses (its port: the store listens through `on`/`off` here
 * and never reaches under the client into its gateway); tests supply a fake.
 */
export interface StoreClient extends StoreEventSource {
  readonly rest: StoreRest;
  readonly gateway: StoreGateway;
  /** Connects and identifies; resolves on READY. */
  login(): Promise<ReadyData | unknown>;
  /** Ends the session for good. */
  logout(): Promise<void>;
}

/** What a connection's client is built from. */
export interface StoreClientOptions {
  baseUrl: string;
  token: string;
  tokenType: 'Bot' | 'Bearer';
  intents: GatewayIntent[];
  gatewayUrl?: string;
  maxReconnectAttempts?: number;
  WebSocket?: WebSocketConstructor;
  clock?: Clock;
  logger?: Logger;
}

export type ClientFactory = (options: StoreClientOptions) => StoreClient;
