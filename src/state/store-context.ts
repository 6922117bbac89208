import type { VoiceSignalEventData } from '../models/index.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { describeError, type StateContext } from './context.js';
import type { StoreSignalName, VoiceSessionHandler } from './types.js';
import { STORE_SIGNAL_NAMES } from './types.js';

/** What a store hands over to build the StateContext its handlers, loaders and actions get. */
export interface StoreContextSource {
  readonly messageCap: number;
  readonly typingTimeoutMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The store (its `emit` is called with the store as `this`). */
  readonly emitter: { emit(...args: never[]): unknown };
  listenerSet(name: StoreSignalName): ReadonlySet<unknown>;
  currentChannelId(): string | null;
  voiceSessionHandler(): VoiceSessionHandler | null;
}

/** The port handlers and loaders get: options, clock, logger, the current channel, signals. */
export function createStateContext(source: StoreContextSource): StateContext {
  const emitter = source.emitter;
  const logger = source.logger;
  // Most signals of a busy connection have no listener: asking first skips the emit call and
  // its argument list (rest array, spread) on every event. The question is a property read of
  // the signal's live listener set, not a Map lookup; `apply(arguments)` forwards exactly the
  // arguments given without gathering them into an array of our own.
  const listening = {} as Record<StoreSignalName, ReadonlySet<unknown>>;
  for (const name of STORE_SIGNAL_NAMES) listening[name] = source.listenerSet(name);
  const emit = function (event: StoreSignalName): void {
    if (listening[event].size === 0) return;
    // eslint-disable-next-line prefer-rest-params
    Reflect.apply(emitter.emit, emitter, arguments);
  } as StateContext['emit'];
  return {
    messageCap: source.messageCap,
    typingTimeoutMs: source.typingTimeoutMs,
    clock: source.clock,
    logger,
    get currentChannelId() {
      return source.currentChannelId();
    },
    emit,
    forwardVoiceSignal: (signal: VoiceSignalEventData, conn) => {
      const handler = source.voiceSessionHandler();
      if (!handler) return;
      try {
        handler(signal, conn.index);
      } catch (error) {
        logger.error('accordkit store: voice session handler threw', { error: describeError(error) });
      }
    },
  };
}
