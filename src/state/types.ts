import type { Channel, Member, Message, User, UserStatus, VoiceSignalEventData } from '../models/index.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { GatewayIntent } from '../protocol/index.js';
import type { ClientFactory, WebSocketConstructor } from './store-client.js';

/** A cached user: the wire object plus the store-maintained `status` (from presences). */
export type StoreUser = User & { status?: UserStatus };

/** A cached member: the wire object; `status` is maintained by the store. */
export type StoreMember = Member;

/**
 * A cached channel: the wire object; `voice_users` (voice channels) and, for DMs,
 * `last_message` (the preview) are maintained by the store.
 */
export type StoreChannel = Channel & { last_message?: Message };

/** Where a send of mine stands: on its way, waiting for the connection, or refused / given up. */
export type PendingState = 'sending' | 'queued' | 'failed';

/** Why a send failed: the server's status and code (0 and a local code when no answer said). */
export interface SendFailure {
  status: number;
  code: string;
  message: string;
}

/**
 * A message as the store lists it: a server message, or my own send not yet confirmed (`local:`
 * id, `pending` set; `error` once failed).
 */
export type StoreMessage = Message & { pending?: PendingState; error?: SendFailure };

export interface SendMessageOptions {
  /** The message this one answers (`reply_to`). */
  replyTo?: string;
  /** The thread (its parent message id) this reply goes to. */
  threadId?: string;
}

/** How sends retry a transient failure (network, 5xx, 429): exponential backoff, then give up. */
export interface SendRetryOptions {
  /** Attempts before the send fails (default 6). */
  attempts?: number;
  /** First backoff (default 500 ms), doubling up to `maxDelayMs` (default 15 000 ms). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * A DM call as the `call.*` events tell it (docs/protocol.md §3.12): who rang whom, who declined, and
 * how it ended. `state` is 'ringing' from `call.ring` until `call.cancel` (the caller gave up) or
 * `call.end` (the last participant left voice); `ended_by` is that event's user.
 */
export interface DmCall {
  channel_id: string;
  /** null when the call was never rung here (someone joined the DM's voice directly). */
  caller_id: string | null;
  participants: string[];
  metadata: unknown;
  declined: string[];
  state: 'ringing' | 'cancelled' | 'ended';
  ended_by: string | null;
}

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'reconnecting' | 'error';

/** Receives `voice.signal` payloads; media is the application's business. */
export type VoiceSessionHandler = (signal: VoiceSignalEventData, connIndex: number) => void;

export interface AccordStoreOptions {
  /** Messages kept per channel, oldest evicted first (default 50). */
  messageCap?: number;
  /** How long after the last `typing.start` in a channel `typingStopped` fires (default 10 000 ms). */
  typingTimeoutMs?: number;
  /** WebSocket constructor handed to each connection's client (`ws` in Node, the global in browsers). */
  WebSocket?: WebSocketConstructor;
  /** Timer source for typing timeouts (and handed to the clients). */
  clock?: Clock;
  logger?: Logger;
  /** Intents for every connection unless addServer narrows them (default: all). */
  intents?: GatewayIntent[];
  /** Backoff of sends after a transient failure. */
  sendRetry?: SendRetryOptions;
}

export interface AddServerOptions {
  baseUrl: string;
  token: string;
  tokenType?: 'Bot' | 'Bearer';
  intents?: GatewayIntent[];
  gatewayUrl?: string;
  maxReconnectAttempts?: number;
  /** Wins over the store's WebSocket option. */
  WebSocket?: WebSocketConstructor;
  /** Builds the connection's client (default: an AccordClient). Tests pass a fake. */
  clientFactory?: ClientFactory;
}

/** The store's signals: camelCase of the seed's AppState signals, same arguments. */
export type StoreSignals = {
  spacesUpdated: [];
  channelsUpdated: [spaceId: string];
  dmChannelsUpdated: [];
  messagesUpdated: [channelId: string];
  typingStarted: [channelId: string, username: string];
  typingStopped: [channelId: string];
  userUpdated: [userId: string];
  membersUpdated: [spaceId: string];
  rolesUpdated: [spaceId: string];
  voiceStateUpdated: [channelId: string];
  bansUpdated: [spaceId: string];
  invitesUpdated: [spaceId: string];
  emojisUpdated: [spaceId: string];
  soundboardUpdated: [spaceId: string];
  soundboardPlayed: [spaceId: string, soundId: string, userId: string];
  serverDisconnected: [spaceId: string, code: number, reason: string];
  serverReconnecting: [spaceId: string, attempt: number, max: number];
  serverReconnected: [spaceId: string];
  /** The connection's credentials were refused (REST users/@me 401/403): sign in again. */
  reauthNeeded: [connIndex: number];
  /** I left voice in `channelId`: by my own request (true) or because the server removed me (false). */
  voiceLeft: [channelId: string, byUser: boolean];
  /** A connection's status changed (every connection, whether or not it holds spaces). */
  connectionChanged: [connIndex: number, status: ConnectionStatus];
  /** The friends list (`store.relationships()`) changed. */
  relationshipsUpdated: [];
  /** A DM call (`store.call(channelId)`) rang, was declined or cancelled, or ended. */
  callUpdated: [channelId: string];
  /** A thread's replies (or its parent) changed: re-read `threadMessages(parentId)`. */
  threadUpdated: [parentId: string];
  /** Who is typing in a thread changed: re-read `typingIn(threadId)`. */
  threadTypingUpdated: [threadId: string];
};

export type StoreSignalName = keyof StoreSignals;

/** Every signal once; as a Record, the compiler rejects a missing or unknown name. */
const SIGNALS: Record<StoreSignalName, true> = {
  spacesUpdated: true,
  channelsUpdated: true,
  dmChannelsUpdated: true,
  messagesUpdated: true,
  typingStarted: true,
  typingStopped: true,
  userUpdated: true,
  membersUpdated: true,
  rolesUpdated: true,
  voiceStateUpdated: true,
  bansUpdated: true,
  invitesUpdated: true,
  emojisUpdated: true,
  soundboardUpdated: true,
  soundboardPlayed: true,
  serverDisconnected: true,
  serverReconnecting: true,
  serverReconnected: true,
  reauthNeeded: true,
  voiceLeft: true,
  connectionChanged: true,
  relationshipsUpdated: true,
  callUpdated: true,
  threadUpdated: true,
  threadTypingUpdated: true,
};

/** Every signal name at runtime. */
export const STORE_SIGNAL_NAMES = Object.keys(SIGNALS) as readonly StoreSignalName[];
