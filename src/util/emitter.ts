/**
 * A small typed event emitter that runs in Node and browsers alike. A listener that throws is
 * reported to `onListenerError` and never breaks delivery to the other listeners.
 */
export type EventMap = { [event: string]: unknown[] };
export type Listener<Args extends unknown[]> = (...args: Args) => void;
export type AnyListener = (...args: unknown[]) => void;

export class TypedEmitter<Events extends EventMap> {
  private readonly listeners = new Map<keyof Events, Set<AnyListener>>();
  /** Where a throwing listener's error goes; defaults to console.error. */
  onListenerError: (error: unknown, event: string) => void = (error, event) => {
    console.error(`accordkit: a '${event}' listener threw`, error);
  };

  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): this {
    this.setOf(event).add(listener as unknown as AnyListener);
    return this;
  }

  once<E extends keyof Events>(event: E, listener: Listener<Events[E]>): this {
    const wrapper: Listener<Events[E]> = (...args) => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  off<E extends keyof Events>(event: E, listener: Listener<Events[E]>): this {
    this.listeners.get(event)?.delete(listener as unknown as AnyListener);
    return this;
  }

  removeAllListeners(event?: keyof Events): this {
    // Sets are emptied, never replaced: a subclass may hold one (see listenerSet).
    if (event === undefined) for (const set of this.listeners.values()) set.clear();
    else this.listeners.get(event)?.clear();
    return this;
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /**
   * emit() for an event with exactly one argument, without the rest array and spread call that
   * emit() costs (the gateway's per-frame path).
   */
  protected emitOne(event: keyof Events, arg: unknown): boolean {
    const set = this.listeners.get(event);
    return set !== undefined && this.deliverOne(set, event, arg);
  }

  /**
   * The live listener set of an event, created on first use and kept for the emitter's life (it
   * is emptied, never replaced), so a hot caller can hold it instead of looking it up per emit.
   */
  protected listenerSet(event: keyof Events): ReadonlySet<AnyListener> {
    return this.setOf(event);
  }

  private setOf(event: keyof Events): Set<AnyListener> {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    return set;
  }

  /** emitOne() to a set from listenerSet(); returns whether any listener was called. */
  protected deliverOne(set: ReadonlySet<AnyListener>, event: keyof Events, arg: unknown): boolean {
    if (set.size === 0) return false;
    for (const listener of set) {
      try {
        listener(arg);
      } catch (error) {
        this.onListenerError(error, String(event));
      }
    }
    return true;
  }

  /** Returns whether any listener was called. */
  emit<E extends keyof Events>(event: E, ...args: Events[E]): boolean {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return false;
    for (const listener of set) {
      try {
        (listener as unknown as Listener<Events[E]>)(...args);
      } catch (error) {
        this.onListenerError(error, String(event));
      }
    }
    return true;
  }
}
