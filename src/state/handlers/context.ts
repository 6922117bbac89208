import type { GatewayEventMap, GatewayEventName, ReadyData, VoiceSignalEventData } from '../../models/index.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { ServerConnection } from '../connection.js';
import type { ReadyCarryOver } from '../hydrate-ready.js';
import type { StoreSignalName, StoreSignals } from '../types.js';

/**
 * What a handler may touch besides the connection's cache: options, the clock, signals, and
 * requests to the store for work that needs REST or the transport (handlers never reach into it).
 */
export interface HandlerContext {
  readonly messageCap: number;
  readonly typingTimeoutMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The channel the UI shows; messages there are read as they arrive. */
  readonly currentChannelId: string | null;
  emit<E extends StoreSignalName>(event: E, ...args: StoreSignals[E]): void;
  /** Fetch an unknown user over REST (once per id), cache it, then emit userUpdated. */
  requestUser(conn: ServerConnection, userId: string): void;
  /** READY was hydrated; fill what it lacked over REST and finish the connection's cycle. */
  afterReady(conn: ServerConnection, data: ReadyData, carry: ReadyCarryOver): void;
  /** I joined a space this connection did not know: load it over REST. */
  loadSpace(conn: ServerConnection, spaceId: string): void;
  /** The gateway gave up (fatal code or reconnects exhausted): one full reconnect with re-auth. */
  escalate(conn: ServerConnection): void;
  forwardVoiceSignal(signal: VoiceSignalEventData, conn: ServerConnection): void;
}

export type Handler<K extends GatewayEventName> = (ctx: HandlerContext, conn: ServerConnection, data: GatewayEventMap[K]) => void;

/** A domain's handlers, keyed by wire event name. */
export type HandlerTable = { [K in GatewayEventName]?: Handler<K> };

/** Emits `event(spaceId, ...rest)` once for every space of the connection. */
export function emitPerSpace<E extends 'serverDisconnected' | 'serverReconnecting' | 'serverReconnected'>(
  ctx: HandlerContext,
  conn: ServerConnection,
  event: E,
  ...rest: StoreSignals[E] extends [string, ...infer R] ? R : never
): void {
  for (const spaceId of conn.cache.spaces.keys()) {
    (ctx.emit as (event: E, ...args: unknown[]) => void)(event, spaceId, ...rest);
  }
}
