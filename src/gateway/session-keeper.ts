import { SessionStoreError, checkSession, messageOf } from './session-store.js';
import type { SessionStore } from './session-store.js';
import { snapshotSession, type ActiveSession, type Session } from './session.js';

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Writes the transport's session to its `SessionStore`: one store call at a time, and while one is
 * in flight only the newest wish (a session to save, or none) waits, so a burst of dispatches costs
 * one write per store round trip. A synchronous store is written on every call. Failures are
 * reported, never thrown: a broken store costs the next process its RESUME, never this connection.
 */
/** No write is waiting. */
const NOTHING = Symbol('nothing wanted');

export class SessionKeeper {
  /** The newest wish: a live session (copied when written, so a burst costs one copy), or null to clear. */
  private wanted: ActiveSession | null | typeof NOTHING = NOTHING;
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

  /** Saves the session; a live one is read (its newest seq) and copied only when it is written. */
  save(session: ActiveSession): void {
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

  private want(session: ActiveSession | null): void {
    this.wanted = session;
    if (this.inFlight === undefined) this.drain();
  }

  private drain(): void {
    while (this.wanted !== NOTHING) {
      const session = this.wanted;
      this.wanted = NOTHING;
      let done: void | Promise<void>;
      try {
        done = session === null ? this.store.clear() : this.store.save(snapshotSession(session));
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
