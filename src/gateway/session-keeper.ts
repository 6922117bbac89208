import { SessionStoreError, checkSession, messageOf } from './session-store.js';
import type { SessionStore } from './session-store.js';
import type { Session } from './session.js';

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Writes the transport's session to its `SessionStore`: one store call at a time, and while one is
 * in flight only the newest wish (a session to save, or none) waits, so a burst of dispatches costs
 * one write per store round trip. A synchronous store is written on every call. Failures are
 * reported, never thrown: a broken store costs the next process its RESUME, never this connection.
 */
export class SessionKeeper {
  private wanted: { session: Session | null } | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly store: SessionStore,
    private readonly report: (error: SessionStoreError) => void,
  ) {}

  /** The stored session, checked; a store that fails or holds something else reports it and yields null. */
  load(): Session | null | Promise<Session | null> {
    let loaded: Session | null | Promise<Session | null>;
    try {
      loaded = this.store.load();
    } catch (error) {
      return this.unusable(error);
    }
    if (!isPromise(loaded)) return this.checked(loaded);
    return loaded.then(
      (session) => this.checked(session),
      (error: unknown) => this.unusable(error),
    );
  }

  save(session: Session): void {
    this.want(session);
  }

  clear(): void {
    this.want(null);
  }

  /** Resolves once the store holds the newest wish. */
  async flush(): Promise<void> {
    while (this.inFlight !== undefined) await this.inFlight;
  }

  private checked(session: Session | null): Session | null {
    if (session === null) return null;
    try {
      return checkSession(session, 'the stored session');
    } catch (error) {
      return this.unusable(error);
    }
  }

  /** A session that cannot be used is reported and cleared, so the next save starts clean. */
  private unusable(error: unknown): null {
    this.report(asStoreError(error, 'unreadable'));
    this.clear();
    return null;
  }

  private want(session: Session | null): void {
    this.wanted = { session };
    if (this.inFlight === undefined) this.drain();
  }

  private drain(): void {
    while (this.wanted !== undefined) {
      const { session } = this.wanted;
      this.wanted = undefined;
      let done: void | Promise<void>;
      try {
        done = session === null ? this.store.clear() : this.store.save(session);
      } catch (error) {
        this.report(asStoreError(error, 'unwritable'));
        continue;
      }
      if (isPromise(done)) {
        this.inFlight = done.then(
          () => this.settle(),
          (error: unknown) => {
            this.report(asStoreError(error, 'unwritable'));
            this.settle();
          },
        );
        return;
      }
    }
  }

  private settle(): void {
    this.inFlight = undefined;
    this.drain();
  }
}

function asStoreError(error: unknown, problem: 'unreadable' | 'unwritable'): SessionStoreError {
  return error instanceof SessionStoreError ? error : new SessionStoreError(problem, messageOf(error));
}
