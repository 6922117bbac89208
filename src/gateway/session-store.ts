import { GatewayError } from './errors.js';
import type { Session } from './session.js';

/**
 * Where a gateway session outlives its process: `load` once per `connect()`, `save` as the seq
 * advances, `clear` when the session ends. Each call may be synchronous or return a promise; the
 * transport never runs two of them at once. What is saved is a `Session` (never the token).
 */
export interface SessionStore {
  load(): Session | null | Promise<Session | null>;
  save(session: Session): void | Promise<void>;
  clear(): void | Promise<void>;
}

export type SessionStoreProblem = 'corrupt' | 'unreadable' | 'unwritable';

/**
 * A session store that could not do its job: what it held is not a session (`corrupt`), or it
 * could not be read or written. The transport reports it as an `error` event and goes on without
 * the stored session; nothing it holds is ever part of the message.
 */
export class SessionStoreError extends GatewayError {
  constructor(
    readonly problem: SessionStoreProblem,
    reason: string,
  ) {
    super('session_store', reason);
    this.message = `session store ${problem}: ${reason}`;
    this.name = 'SessionStoreError';
  }
}

/** The stored form: exactly the session's fields, nothing else (so no token can slip in). */
export function serializeSession(session: Session): string {
  const stored: { sessionId: string; seq: number; resumeUrl?: string } = { sessionId: session.sessionId, seq: session.seq };
  if (session.resumeUrl !== undefined) stored.resumeUrl = session.resumeUrl;
  return JSON.stringify(stored);
}

/** A stored session back from text; throws `SessionStoreError('corrupt')` for anything else. */
export function parseSession(text: string, where: string): Session {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SessionStoreError('corrupt', `${where} is not JSON`);
  }
  return checkSession(value, where);
}

/** Checks a value claimed to be a session; extra fields are dropped, never kept. */
export function checkSession(value: unknown, where: string): Session {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SessionStoreError('corrupt', `${where} does not hold a session object`);
  }
  const { sessionId, seq, resumeUrl } = value as { sessionId?: unknown; seq?: unknown; resumeUrl?: unknown };
  if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 200) {
    throw new SessionStoreError('corrupt', `${where} has no usable sessionId`);
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    throw new SessionStoreError('corrupt', `${where} has no usable seq`);
  }
  if (resumeUrl !== undefined && typeof resumeUrl !== 'string') {
    throw new SessionStoreError('corrupt', `${where} has a resumeUrl that is not a string`);
  }
  return resumeUrl === undefined ? { sessionId, seq } : { sessionId, seq, resumeUrl };
}

/** Keeps the session in this process only: survives a reconnect or a new client, not a restart. */
export function memorySessionStore(initial: Session | null = null): SessionStore {
  let held: Session | null = initial === null ? null : checkSession(initial, 'the initial session');
  return {
    load: () => held,
    save: (session) => {
      held = checkSession(session, 'the session to save');
    },
    clear: () => {
      held = null;
    },
  };
}

/** The part of the Web Storage API a session needs (`sessionStorage`, `localStorage`, or a test double). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Keeps the session in Web Storage under `key`. `sessionStorage` (per tab, survives a reload) is the
 * one to use in browsers: two tabs must not resume the same session.
 */
export function webSessionStore(storage: StorageLike, key: string): SessionStore {
  const where = `storage key ${JSON.stringify(key)}`;
  return {
    load: () => {
      let text: string | null;
      try {
        text = storage.getItem(key);
      } catch (error) {
        throw new SessionStoreError('unreadable', `${where}: ${messageOf(error)}`);
      }
      return text === null ? null : parseSession(text, where);
    },
    save: (session) => {
      try {
        storage.setItem(key, serializeSession(session));
      } catch (error) {
        throw new SessionStoreError('unwritable', `${where}: ${messageOf(error)}`);
      }
    },
    clear: () => {
      try {
        storage.removeItem(key);
      } catch (error) {
        throw new SessionStoreError('unwritable', `${where}: ${messageOf(error)}`);
      }
    },
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
