import type { IdentifyPresence, IdentifyProperties } from '../protocol/index.js';
import type { GatewayEventMap, ReadyData, ResumedData } from '../models/index.js';
import type { Clock, RandomSource } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { GatewayError } from './errors.js';
import type { OutboundRateLimit } from './outbound-queue.js';
import type { SessionStore } from './session-store.js';
import type { GatewayState } from './state.js';
import type { VisibilitySource } from './visibility.js';
import type { WebSocketConstructor } from './websocket-like.js';

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 45_000;
export const DEFAULT_MAX_RECONNECT_ATTEMPTS = 10;
/** A socket that has not sent HELLO by then is treated as lost (a hung proxy, a half-open TCP). */
export const HELLO_TIMEOUT_MS = 30_000;

export interface GatewaySocketOptions<S extends SessionStore | undefined = undefined> {
  token: string;
  /** Scheme prefixed to the token in IDENTIFY/RESUME (default 'Bearer'). */
  tokenType?: 'Bot' | 'Bearer';
  /** Server base URL (`http://host:3000`); the gateway is derived from it: ws(s)://host/ws. */
  baseUrl?: string;
  /** Full gateway URL, used as given; wins over `baseUrl`. */
  gatewayUrl?: string;
  /** Intent names sent in IDENTIFY (default: every intent). */
  intents?: readonly string[];
  properties?: Partial<IdentifyProperties>;
  /** Initial presence sent in IDENTIFY. */
  presence?: IdentifyPresence;
  /** Default: `ws` in Node, the global WebSocket in browsers. */
  WebSocket?: WebSocketConstructor;
  clock?: Clock;
  random?: RandomSource;
  logger?: Logger;
  maxReconnectAttempts?: number;
  /** Default: `document` visibility in browsers, none elsewhere. */
  visibility?: VisibilitySource;
  /** The server's limit for ops 8–11 (default 120 frames / 60 s); we pace a little under it. */
  outboundRateLimit?: OutboundRateLimit;
  /**
   * Where the session outlives this process (`memorySessionStore`, `fileSessionStore`,
   * `webSessionStore`): `connect()` RESUMEs a stored session, the session is saved as the seq
   * advances, and cleared when it ends. Never holds the token.
   */
  sessionStore?: S;
}

/**
 * What `connect()` resolves with: READY's data, or null when a stored session was RESUMEd (no
 * READY is sent on a resume). Only a transport with a `sessionStore` can resolve null.
 */
export type ConnectResult<S extends SessionStore | undefined> = S extends SessionStore ? ReadyData | null : ReadyData;

/** How an unexpected loss was healed: a full replay, or a new session the layer above must rebuild from. */
export type RecoveryInfo = { kind: 'resumed'; replayed: number } | { kind: 'reidentified' };

export type GatewayLifecycleEvents = {
  ready: [data: ReadyData];
  resumed: [data: ResumedData];
  /** Every dispatch, handled or not, with its unparsed data. */
  raw: [type: string, data: unknown];
  error: [error: GatewayError];
  disconnected: [code: number, reason: string];
  /**
   * An unexpected loss the transport will retry (then `reconnecting`): the close code and reason,
   * or 1006 with what happened when no Close frame said (heartbeat, HELLO timeout, op 7, op 9).
   */
  lost: [code: number, reason: string];
  reconnecting: [attempt: number, max: number];
  stateChange: [next: GatewayState, prev: GatewayState];
  debug: [message: string];
  recovered: [info: RecoveryInfo];
};

export type GatewayDispatchEvents = {
  [K in Exclude<keyof GatewayEventMap, keyof GatewayLifecycleEvents>]: [data: GatewayEventMap[K]];
};

export type GatewaySocketEvents = GatewayDispatchEvents & GatewayLifecycleEvents;

export interface VoiceStateOptions {
  /** Omit (or null) for DM calls: any space_id, even "", fails a DM join (docs/protocol.md §1.16). */
  spaceId?: string | null;
  /** null leaves voice. */
  channelId: string | null;
  selfMute?: boolean;
  selfDeaf?: boolean;
  selfVideo?: boolean;
  selfStream?: boolean;
}

export interface VoiceSignalOptions {
  channelId: string;
  targetUserId?: string;
  signalType: string;
  payload: unknown;
}
