import type { VoiceSignalEventData } from '../models/index.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { ServerConnection } from './connection.js';
import { describeError, type StateContext } from './context.js';
import type { StoreSignalName, StoreSignals, VoiceSessionHandler } from './types.js';
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
  const listening = {} as Record<StoreSignalName, ReadonlySet<unknown>>;
  for (const name of STORE_SIGNAL_NAMES) listening[name] = source.listenerSet(name);
  return new StoreContext(source, listening);
}

/**
 * A class, so every store's context has the same shape and its methods live on the prototype.
 * Optimized handlers embed the shapes of the objects they touch; a per-store object literal with a
 * getter and per-store closures gave each store a shape of its own, so collecting a store threw
 * away optimized handlers and each new store re-warmed them (issue 15).
 */
class StoreContext implements StateContext {
  readonly messageCap: number;
  readonly typingTimeoutMs: number;
  readonly clock: Clock;
  readonly logger: Logger;

  constructor(
    private readonly source: StoreContextSource,
    /** Signal name -> its live listener set on the store (emptied, never replaced). */
    private readonly listening: Readonly<Record<StoreSignalName, ReadonlySet<unknown>>>,
  ) {
    this.messageCap = source.messageCap;
    this.typingTimeoutMs = source.typingTimeoutMs;
    this.clock = source.clock;
    this.logger = source.logger;
  }

  get currentChannelId(): string | null {
    return this.source.currentChannelId();
  }

  /**
   * Most signals of a busy connection have no listener: asking first skips the emit call and its
   * argument list (rest array, spread) on every event. The question is a property read of the
   * signal's live listener set, not a Map lookup; `apply(arguments)` forwards exactly the
   * arguments given without gathering them into an array of our own.
   */
  emit<E extends StoreSignalName>(event: E, ...args: StoreSignals[E]): void;
  emit(event: StoreSignalName): void {
    if (this.listening[event].size === 0) return;
    const emitter = this.source.emitter;
    // eslint-disable-next-line prefer-rest-params
    Reflect.apply(emitter.emit, emitter, arguments);
  }

  forwardVoiceSignal(signal: VoiceSignalEventData, conn: ServerConnection): void {
    const handler = this.source.voiceSessionHandler();
    if (!handler) return;
    try {
      handler(signal, conn.index);
    } catch (error) {
      this.logger.error('accordkit store: voice session handler threw', { error: describeError(error) });
    }
  }
}
