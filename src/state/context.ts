import type { VoiceSignalEventData } from '../models/index.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { ServerConnection } from './connection.js';
import type { StoreSignalName, StoreSignals } from './types.js';

/**
 * The narrow port handlers and loaders get from their store: its options, the clock, the logger,
 * the UI's current channel and the store's signals. They never see the AccordStore itself, and
 * what they do to a connection they do through `conn` (its cache, its in-flight work, its client).
 */
export interface StateContext {
  readonly messageCap: number;
  readonly typingTimeoutMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The channel the UI shows: messages there are read as they arrive. */
  readonly currentChannelId: string | null;
  emit<E extends StoreSignalName>(event: E, ...args: StoreSignals[E]): void;
  /** Hands a `voice.signal` payload to the application's voice session handler. */
  forwardVoiceSignal(signal: VoiceSignalEventData, conn: ServerConnection): void;
}

/**
 * Emits `event(spaceId, ...rest)` once for every space routed to the connection (a space two
 * accounts share speaks for the account it is routed to).
 */
export function emitPerSpace<E extends 'serverDisconnected' | 'serverReconnecting' | 'serverReconnected'>(
  ctx: StateContext,
  conn: ServerConnection,
  event: E,
  ...rest: StoreSignals[E] extends [string, ...infer R] ? R : never
): void {
  for (const spaceId of conn.cache.spaces.keys()) {
    if (!conn.cache.routes(spaceId)) continue;
    (ctx.emit as (event: E, ...args: unknown[]) => void)(event, spaceId, ...rest);
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
