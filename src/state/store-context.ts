import type { VoiceSignalEventData } from '../models/index.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { ServerConnection } from './connection.js';
import type { StateContext } from './context.js';
import type { StoreSignalName, StoreSignals } from './types.js';

/** What a StoreContext asks of its store: the UI's current channel and the signal emitter. */
export interface StoreContextHost {
  readonly currentChannelId: string | null;
  emit<E extends StoreSignalName>(event: E, ...args: StoreSignals[E]): unknown;
}

/**
 * The StateContext an AccordStore hands its handlers and loaders: a class, so every store's
 * context has the same shape and its methods live on the prototype. Optimized handlers embed the
 * shapes of the objects they touch; a per-store object literal with per-store closures (as this
 * was) gave each store its own, so collecting a store threw away the optimized handlers of every
 * other one, and each new store re-warmed them (issue 15).
 */
export class StoreContext implements StateContext {
  constructor(
    readonly messageCap: number,
    readonly typingTimeoutMs: number,
    readonly clock: Clock,
    readonly logger: Logger,
    private readonly host: StoreContextHost,
    /** Signal name -> its live listener set on the host (emptied, never replaced). */
    private readonly listening: Readonly<Record<StoreSignalName, ReadonlySet<unknown>>>,
    private readonly voiceSignals: (signal: VoiceSignalEventData, conn: ServerConnection) => void,
  ) {}

  get currentChannelId(): string | null {
    return this.host.currentChannelId;
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
    // eslint-disable-next-line prefer-rest-params
    Reflect.apply(this.host.emit, this.host, arguments);
  }

  forwardVoiceSignal(signal: VoiceSignalEventData, conn: ServerConnection): void {
    this.voiceSignals(signal, conn);
  }
}
